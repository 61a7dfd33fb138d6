import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setupTestDatabase } from '../test/database';
import { runToEnd } from '../test/executions';
import { workspaceWithWorkflow, type TestWorkspace } from '../test/fixtures';
import { block, chain } from '../test/graphs';
import { restoreProviderEnv, setupStandInProvider, useProviderEnv } from '../test/llm-env';
import { budgetStatus, removeBudget, setBudget } from './budgets';
import { setModelPrice } from './model-prices';

// A workspace's monthly budget against what its model calls cost: a warning past the warn share, and with "stop"
// on, LLM and agent blocks that fail before the provider hears of them.

setupTestDatabase();
const KEY = 'sk-test-budgets-0123456789abcdef';
const provider = setupStandInProvider(KEY);
let ws: TestWorkspace;
let workflowId: string;
// $1 per 1M input tokens, $3 per 1M output tokens
const MODEL = 'openai-compatible/budget-model';
const ask = (id: string) => chain(block(id, 'llm', { model: MODEL, prompt: 'hello' }));
const agent = chain(block('helper', 'agent', { model: MODEL, prompt: 'do it' }));

beforeAll(async () => {
  useProviderEnv({ OPENAI_COMPATIBLE_BASE_URL: provider().baseUrl, OPENAI_COMPATIBLE_API_KEY: KEY, WEFT_ALLOW_PRIVATE_NETWORK: 'true' });
  ({ ws, workflowId } = await workspaceWithWorkflow('Budgets', 'Spends'));
  await setModelPrice(ws.owner, { model: MODEL, input_per_million: 1, output_per_million: 3 });
  // One run this month before any budget: 100000 input and 100000 output tokens cost $0.40.
  provider().script({ text: ['Hi'], usage: { input: 100_000, output: 100_000 } });
  const first = await runToEnd(ws.id, workflowId, ask('first'));
  expect(first.costUsd).toBeCloseTo(0.4, 12);
});
afterAll(() => restoreProviderEnv());
afterEach(() => removeBudget(ws.owner));

describe('monthly budget', () => {
  it('counts the month’s cost against the amount and its warn share', async () => {
    expect((await budgetStatus(ws.owner)).level).toBe('none');
    expect(await setBudget(ws.owner, { monthly_usd: 1, warn_percent: 50 })).toMatchObject({ spent_usd: 0.4, level: 'ok' });
    expect(await setBudget(ws.owner, { monthly_usd: 0.5, warn_percent: 80 })).toMatchObject({ level: 'warn' });
    expect(await setBudget(ws.owner, { monthly_usd: 0.4, warn_percent: 80, stop_llm_calls: true })).toMatchObject({ level: 'exceeded' });
    expect((await budgetStatus(ws.owner)).budget).toEqual({ monthly_usd: 0.4, warn_percent: 80, stop_llm_calls: true });
  });

  it('refuses LLM and agent blocks with budget_exceeded before the provider is called, when set to stop', async () => {
    await setBudget(ws.owner, { monthly_usd: 0.3, stop_llm_calls: true });
    const asked = provider().requests.length;

    for (const graph of [ask('refused'), agent]) {
      const run = await runToEnd(ws.id, workflowId, graph);
      expect(run.status).toBe('failed');
      expect(run.error).toMatchObject({ code: 'budget_exceeded' });
      expect(String((run.error as { message: string }).message)).toContain('$0.40 of the workspace');
    }
    expect(provider().requests.length).toBe(asked);
  });

  it('only warns in the block log when the budget is spent but not set to stop', async () => {
    await setBudget(ws.owner, { monthly_usd: 0.3, stop_llm_calls: false });
    provider().script({ text: ['Still here'], usage: { input: 10, output: 10 } });

    const run = await runToEnd(ws.id, workflowId, ask('allowed'));

    expect(run.status).toBe('completed');
    const log = run.blockLogs.find((entry) => entry.blockId === 'allowed');
    expect(log?.console).toEqual(expect.arrayContaining([expect.objectContaining({ level: 'warn', message: expect.stringContaining('Over budget: $0.40') })]));
  });

  it('may be set only by owners', async () => {
    await expect(setBudget(ws.callerFor('editor'), { monthly_usd: 5 })).rejects.toMatchObject({ code: 'forbidden' });
    expect((await budgetStatus(ws.callerFor('viewer'))).level).toBe('none');
  });
});
