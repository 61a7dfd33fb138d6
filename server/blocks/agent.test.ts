import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '@/server/test/http-server';
import { recordedContext, type ContextOptions } from '@/server/test/llm-context';
import { setupProviderEnv, setupStandInProvider, useProviderEnv } from '@/server/test/llm-env';
import type { ModelStep } from '../llm/run';
import { agentBlock } from './agent';
import { BlockError, type WorkflowToolInfo } from './run-context';

// The agent block's tool loop against stand-in providers over real HTTP, with real tools: http_request against a
// local server, run_code in the sandbox, and other workflows through the context.

const KEY = 'sk-test-agent-0123456789abcdef';

const provider = setupStandInProvider(KEY);
let api: TestServer;

beforeAll(async () => {
  api = await startServer((request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ path: request.url, temperature_c: 21.5 }));
  });
});

afterAll(() => api.close());

setupProviderEnv(() => ({
  OPENAI_API_KEY: KEY,
  OPENAI_BASE_URL: provider().baseUrl,
  ANTHROPIC_API_KEY: KEY,
  ANTHROPIC_BASE_URL: provider().baseUrl,
  WEFT_ALLOW_PRIVATE_NETWORK: 'true',
}));

function agent(config: Record<string, unknown>, options: ContextOptions = {}) {
  return recordedContext(agentBlock, { prompt: 'What is the weather?', ...config }, options);
}

interface AgentOutput {
  output: string;
  model: string;
  usage: { input_tokens: number; output_tokens: number };
  steps: ModelStep[];
}

describe('tool loop', () => {
  it('calls http_request, feeds the result back, and answers in a second step (OpenAI Responses API)', async () => {
    provider().script(
      { text: ['Let me check.'], toolCalls: [{ name: 'http_request', arguments: { url: `${api.origin}/weather?city=Paris` }, id: 'call_weather' }], usage: { input: 20, output: 8 } },
      { text: ['It is ', '21.5 °C in Paris.'], usage: { input: 40, output: 9 } },
    );
    const run = agent({ model: 'openai/gpt-4o-mini', instructions: 'You are a weather bot.', tools: ['http_request'] });
    const result = (await agentBlock.run(run.context)) as AgentOutput;

    expect(result.output).toBe('It is 21.5 °C in Paris.');
    expect(result.model).toBe('openai/gpt-4o-mini');
    expect(result.usage).toEqual({ input_tokens: 60, output_tokens: 17 });
    expect(run.usage).toEqual([
      { input_tokens: 20, output_tokens: 8 },
      { input_tokens: 40, output_tokens: 9 },
    ]);
    expect(result.steps).toHaveLength(2);
    expect(result.steps[0]).toMatchObject({
      step: 1,
      text: 'Let me check.',
      finish_reason: 'tool-calls',
      tool_calls: [{ id: 'call_weather', tool: 'http_request', arguments: { url: `${api.origin}/weather?city=Paris` } }],
      tool_results: [{ id: 'call_weather', tool: 'http_request', output: { status: 200, body: { path: '/weather?city=Paris', temperature_c: 21.5 } } }],
    });
    expect(result.steps[1]).toMatchObject({ step: 2, text: 'It is 21.5 °C in Paris.', finish_reason: 'stop', tool_calls: [] });

    // The local API was called, and its answer went back to the model with the call id.
    expect(api.requests.at(-1)).toMatchObject({ method: 'GET', url: '/weather?city=Paris' });
    const second = provider().requests.at(-1)!.body;
    const toolOutput = (second.input as { type?: string; call_id?: string; output?: string }[]).find((item) => item.type === 'function_call_output');
    expect(toolOutput?.call_id).toBe('call_weather');
    expect(JSON.parse(toolOutput!.output!)).toMatchObject({ status: 200, body: { temperature_c: 21.5 } });
    // The tool is offered with its parameters.
    const offered = (provider().requests.at(-2)!.body.tools as { name: string; parameters: { properties: object } }[])[0];
    expect(offered.name).toBe('http_request');
    expect(Object.keys(offered.parameters.properties)).toEqual(['url', 'method', 'headers', 'body']);

    // Streamed: both steps' text, a paragraph apart; logged: the call, its result and each step's usage.
    expect(run.chunks.join('')).toBe('Let me check.\n\nIt is 21.5 °C in Paris.');
    const log = run.logs.map((line) => line.message).join('\n');
    expect(log).toContain(`Step 1: calling http_request with {"url":"${api.origin}/weather?city=Paris"}`);
    expect(log).toContain('Step 1: http_request returned {"status":200');
    expect(log).toContain('Step 1 of openai/gpt-4o-mini finished (tool-calls): 20 input and 8 output tokens');
    expect(log).toContain('Step 2: the model wrote "It is 21.5 °C in Paris."');
  });

  it('calls another workflow as a tool named after it, with its input fields as parameters (Chat Completions API)', async () => {
    const lookUp: WorkflowToolInfo = {
      id: 'wf_orders',
      name: 'Look up order!',
      description: 'Finds an order by its number.',
      fields: [
        { name: 'order_number', type: 'string', required: true, description: 'Like A-123' },
        { name: 'include_items', type: 'boolean', required: false },
      ],
    };
    const twin: WorkflowToolInfo = { id: 'wf_orders_2', name: 'Look up order', description: null, fields: [] };
    provider().script(
      { toolCalls: [{ name: 'look_up_order', arguments: { order_number: 'A-123' }, id: 'call_order' }] },
      { text: ['Order A-123 has shipped.'] },
    );
    const run = agent(
      { model: 'openai-chat/gpt-4o-mini', tools: [{ workflow_id: 'wf_orders' }, { workflow_id: 'wf_orders_2' }, 'current_time'] },
      {
        workflows: { wf_orders: lookUp, wf_orders_2: twin },
        runWorkflow: async () => ({ execution_id: 'ex_1', status: 'completed', output: { status: 'shipped' }, error: null }),
      },
    );
    const result = (await agentBlock.run(run.context)) as AgentOutput;

    expect(result.output).toBe('Order A-123 has shipped.');
    expect(run.workflowRuns).toHaveLength(1);
    expect(run.workflowRuns[0]).toMatchObject({ workflowId: 'wf_orders', input: { order_number: 'A-123' } });
    expect(run.workflowRuns[0].signal).toBeInstanceOf(AbortSignal);
    expect(result.steps[0].tool_results).toEqual([{ id: 'call_order', tool: 'look_up_order', output: { status: 'shipped' } }]);

    const tools = provider().requests.at(-2)!.body.tools as { function: { name: string; description: string; parameters: Record<string, unknown> } }[];
    const byName = Object.fromEntries(tools.map((t) => [t.function.name, t.function]));
    expect(Object.keys(byName).sort()).toEqual(['current_time', 'look_up_order', 'look_up_order_2']);
    expect(byName.look_up_order.description).toBe('Finds an order by its number.');
    expect(byName.look_up_order.parameters).toMatchObject({
      type: 'object',
      properties: { order_number: { type: 'string', description: 'Like A-123' }, include_items: { type: 'boolean' } },
      required: ['order_number'],
    });
    expect(byName.look_up_order_2.description).toBe('Runs the workflow "Look up order" and returns its output.');
    const toolMessage = (provider().requests.at(-1)!.body.messages as { role: string; tool_call_id?: string; content: string }[]).find((m) => m.role === 'tool');
    expect(toolMessage).toEqual({ role: 'tool', tool_call_id: 'call_order', content: JSON.stringify({ status: 'shipped' }) });
    expect(run.logs.map((l) => l.message)).toContain('Tool look_up_order runs the workflow wf_orders');
  });

  it('runs code in the sandbox and tells the time (Anthropic Messages API)', async () => {
    provider().script(
      {
        toolCalls: [
          { name: 'run_code', arguments: { code: 'console.log("summing"); return [1, 2, 3].reduce((a, b) => a + b, 0);' }, id: 'toolu_code' },
          { name: 'current_time', arguments: { timezone: 'Europe/Paris' }, id: 'toolu_time' },
        ],
      },
      { text: ['The sum is 6.'] },
    );
    const run = agent({ model: 'anthropic/claude-sonnet-4-5', tools: ['run_code', 'current_time'] });
    const result = (await agentBlock.run(run.context)) as AgentOutput;
    expect(result.output).toBe('The sum is 6.');
    const results = Object.fromEntries(result.steps[0].tool_results.map((r) => [r.tool, r]));
    expect(results.run_code).toEqual({ id: 'toolu_code', tool: 'run_code', output: { result: 6, console: ['log: summing'] } });
    expect(results.current_time).toMatchObject({ output: { timezone: 'Europe/Paris', weekday: expect.any(String) as string } });
    const toolResults = (provider().requests.at(-1)!.body.messages as { role: string; content: { type: string; tool_use_id?: string }[] }[])
      .flatMap((m) => m.content)
      .filter((c) => c.type === 'tool_result')
      .map((c) => c.tool_use_id);
    expect(toolResults.sort()).toEqual(['toolu_code', 'toolu_time']);
  });
});

describe('a tool that fails, and a model that will not stop', () => {
  it('hands a failing tool back to the model as an error and carries on', async () => {
    useProviderEnv({ OPENAI_API_KEY: KEY, OPENAI_BASE_URL: provider().baseUrl }); // private network not allowed now
    provider().script(
      { toolCalls: [{ name: 'http_request', arguments: { url: `${api.origin}/internal` }, id: 'call_blocked' }] },
      { text: ['I could not reach that address.'] },
    );
    const before = api.requests.length;
    const run = agent({ model: 'openai/gpt-4o-mini', tools: ['http_request'] });
    const result = (await agentBlock.run(run.context)) as AgentOutput;
    expect(result.output).toBe('I could not reach that address.');
    expect(api.requests.length).toBe(before);
    const failed = result.steps[0].tool_results[0];
    expect(failed).toMatchObject({ id: 'call_blocked', tool: 'http_request' });
    expect('error' in failed && failed.error).toMatch(/private network addresses are blocked/);
    expect(run.logs.some((l) => l.level === 'warn' && l.message.startsWith('Step 1: http_request failed: Refused to call 127.0.0.1'))).toBe(true);
  });

  it('stops after max_steps and says so when the model is still calling tools', async () => {
    provider().script({ toolCalls: [{ name: 'current_time', arguments: {} }] }, { toolCalls: [{ name: 'current_time', arguments: {} }] });
    const run = agent({ model: 'openai/gpt-4o-mini', tools: ['current_time'], max_steps: 2 });
    const result = (await agentBlock.run(run.context)) as AgentOutput;
    expect(result.steps).toHaveLength(2);
    expect(result.output).toBe('');
    expect(run.logs.some((l) => l.level === 'warn' && l.message.includes('used all 2 steps'))).toBe(true);
  });
});

describe('failures', () => {
  it('fails before calling the model when a workflow tool does not exist', async () => {
    const before = provider().requests.length;
    const error = await agentBlock.run(agent({ model: 'openai/gpt-4o-mini', tools: [{ workflow_id: 'wf_missing' }] }).context).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BlockError);
    expect(error).toMatchObject({ code: 'workflow_not_found', retryable: false });
    expect(provider().requests.length).toBe(before);
  });

  it('fails without a key, naming the credential', async () => {
    useProviderEnv({});
    const error = await agentBlock.run(agent({ model: 'anthropic/claude-sonnet-4-5' }).context).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'missing_credential' });
    expect((error as Error).message).toContain("Set ANTHROPIC_API_KEY in Settings → Credentials, or in the server's environment");
  });

  it('aborts the model request in flight when cancelled', async () => {
    provider().script({ text: ['Thinking'], hang: true });
    const run = agent({ model: 'anthropic/claude-sonnet-4-5', tools: ['current_time'] });
    const closed = provider().nextAbort();
    const settled = agentBlock.run(run.context).then(
      () => 'resolved',
      () => 'rejected',
    );
    await expect.poll(() => run.chunks.length).toBe(1);
    run.controller.abort(new BlockError('Cancelled', 'cancelled', false));
    await closed;
    expect(await settled).toBe('rejected');
  });
});
