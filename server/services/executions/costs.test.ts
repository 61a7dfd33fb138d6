import { beforeAll, describe, expect, it } from 'vitest';
import { setupTestDatabase } from '../../test/database';
import { runToEnd } from '../../test/executions';
import { workspaceWithWorkflow, type TestWorkspace } from '../../test/fixtures';
import { block, chain } from '../../test/graphs';
import { setupProviderEnv, setupStandInProvider } from '../../test/llm-env';
import { setModelPrice } from '../model-prices';

// What a run costs, from the token usage the provider reported and the price per model, against sums done by hand.

setupTestDatabase();
const KEY = 'sk-test-costs-0123456789abcdef';
const provider = setupStandInProvider(KEY);
let ws: TestWorkspace;
let workflowId: string;

beforeAll(async () => ({ ws, workflowId } = await workspaceWithWorkflow('Costs', 'Priced')));
setupProviderEnv(() => ({
  OPENAI_API_KEY: KEY,
  OPENAI_BASE_URL: provider().baseUrl,
  OPENAI_COMPATIBLE_BASE_URL: provider().baseUrl,
  OPENAI_COMPATIBLE_API_KEY: KEY,
  WEFT_ALLOW_PRIVATE_NETWORK: 'true',
}));

describe('cost_usd', () => {
  it('prices each block at its model and sums the run (built-in price, cached input, a workspace price)', async () => {
    await setModelPrice(ws.owner, { model: 'openai-compatible/house-model', input_per_million: 1, output_per_million: 2 });
    provider().script({ text: ['Hi'], usage: { input: 1200, output: 300, cached: 200 } }, { text: ['Bye'], usage: { input: 100, output: 50 } });
    const graph = chain(
      block('ask', 'llm', { model: 'openai/gpt-4o-mini', prompt: 'hello' }),
      block('house', 'llm', { model: 'openai-compatible/house-model', prompt: 'again' }),
    );

    const run = await runToEnd(ws.id, workflowId, graph);

    // gpt-4o-mini: $0.15 per 1M input, $0.075 per 1M cached input, $0.60 per 1M output
    const ask = (1000 * 0.15 + 200 * 0.075 + 300 * 0.6) / 1_000_000;
    // the workspace's price: $1 per 1M input, $2 per 1M output
    const house = (100 * 1 + 50 * 2) / 1_000_000;
    const costs = Object.fromEntries(run.blockLogs.map((log) => [log.blockId, log.costUsd]));
    expect(costs.ask).toBeCloseTo(ask, 12);
    expect(costs.house).toBeCloseTo(house, 12);
    expect(costs.input).toBe(0);
    expect(run.costUsd).toBeCloseTo(ask + house, 12);
    expect(run.usage).toEqual({ input_tokens: 1300, output_tokens: 350, cached_input_tokens: 200 });
  });

  it('is null for a model nobody priced, and for the run it is part of', async () => {
    provider().script({ text: ['Hm'], usage: { input: 10, output: 5 } });
    const run = await runToEnd(ws.id, workflowId, chain(block('odd', 'llm', { model: 'openai-compatible/unpriced', prompt: 'x' })));
    expect(run.status).toBe('completed');
    expect(run.blockLogs.find((log) => log.blockId === 'odd')?.costUsd).toBeNull();
    expect(run.costUsd).toBeNull();
  });

  it('is 0 for a run without model calls', async () => {
    const run = await runToEnd(ws.id, workflowId, chain(block('sum', 'code', { code: 'return 1 + 1' })));
    expect(run.costUsd).toBe(0);
  });
});
