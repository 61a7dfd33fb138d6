import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordedContext } from '@/server/test/llm-context';
import { setupProviderEnv, setupStandInProvider, useProviderEnv } from '@/server/test/llm-env';
import { startStandInMcpServer, type StandInMcpServer } from '@/server/test/mcp-server';
import type { ModelStep } from '../llm/run';
import { agentBlock } from './agent';
import { BlockError } from './run-context';

// The agent block with tools from an MCP server configured in the workspace: a real MCP server built with the SDK
// on a local port, reached by the SDK's client over Streamable HTTP, and a stand-in model provider calling it.

const KEY = 'sk-test-agent-mcp-0123456789abcdef';
const MCP_TOKEN = 'mcp-token-5f1e9a7c3b';

const provider = setupStandInProvider(KEY);
let mcp: StandInMcpServer;

beforeAll(async () => {
  mcp = await startStandInMcpServer();
});

afterAll(() => mcp.close());

setupProviderEnv(() => ({ OPENAI_API_KEY: KEY, OPENAI_BASE_URL: provider().baseUrl, WEFT_ALLOW_PRIVATE_NETWORK: 'true' }));

function agent(config: Record<string, unknown>) {
  return recordedContext(
    agentBlock,
    { model: 'openai/gpt-4o-mini', prompt: 'Where is order A-17?', tools: [], ...config },
    { credentials: { ORDERS_TOKEN: MCP_TOKEN }, mcpServers: { orders: { url: mcp.url, credential: 'ORDERS_TOKEN' } } },
  );
}

describe('agent with MCP servers', () => {
  it('offers the server tools to the model, calls one with the credential, and answers from its result', async () => {
    provider().script(
      { toolCalls: [{ name: 'orders_lookup_order', arguments: { order_id: 'A-17' }, id: 'call_order' }] },
      { text: ['Order A-17 shipped on 2026-11-28.'] },
    );
    const run = agent({ mcp_servers: ['orders'] });
    const result = (await agentBlock.run(run.context)) as { output: string; steps: ModelStep[] };

    expect(result.output).toBe('Order A-17 shipped on 2026-11-28.');
    expect(mcp.calls).toEqual([{ order_id: 'A-17' }]);
    expect(result.steps[0].tool_results).toEqual([{ id: 'call_order', tool: 'orders_lookup_order', output: 'Order A-17 shipped on 2026-11-28' }]);
    const offered = (provider().requests.at(-2)?.body.tools as { name?: string; function?: { name: string } }[]).map((t) => t.name ?? t.function?.name);
    expect(offered).toEqual(['orders_lookup_order', 'orders_explode']);
    expect(new Set(mcp.requests.map((request) => request.headers.authorization))).toEqual(new Set([`Bearer ${MCP_TOKEN}`]));
    expect(JSON.stringify(run.logs)).not.toContain(MCP_TOKEN);
    expect(run.logs).toContainEqual({ level: 'info', message: `MCP server orders (${mcp.origin}) offers 2 tools` });
  });

  it('hands a tool that reports an error back to the model as a tool error', async () => {
    provider().script({ toolCalls: [{ name: 'orders_explode', arguments: {}, id: 'call_boom' }] }, { text: ['The tool failed.'] });
    const result = (await agentBlock.run(agent({ mcp_servers: ['orders'] }).context)) as { output: string; steps: ModelStep[] };
    expect(result.output).toBe('The tool failed.');
    expect(result.steps[0].tool_results).toEqual([{ id: 'call_boom', tool: 'orders_explode', error: expect.stringContaining('the warehouse is on fire') }]);
  });

  it('refuses a server on a private address unless the server allows private networks, without connecting', async () => {
    useProviderEnv({ OPENAI_API_KEY: KEY, OPENAI_BASE_URL: provider().baseUrl });
    const before = { connections: mcp.connections, model: provider().requests.length };
    const error = await agentBlock.run(agent({ mcp_servers: ['orders'] }).context).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BlockError);
    expect(error).toMatchObject({ code: 'blocked_address', retryable: false });
    expect(mcp.connections).toBe(before.connections);
    expect(provider().requests.length).toBe(before.model);
  });

  it('fails before calling the model when the server is not configured or its credential is missing', async () => {
    const before = provider().requests.length;
    const unknown = await agentBlock.run(agent({ mcp_servers: ['nope'] }).context).catch((e: unknown) => e);
    expect(unknown).toMatchObject({ code: 'mcp_server_not_found', retryable: false });
    const noCredential = recordedContext(agentBlock, { model: 'openai/gpt-4o-mini', prompt: 'x', mcp_servers: ['orders'] }, { mcpServers: { orders: { url: mcp.url, credential: 'ORDERS_TOKEN' } } });
    const missing = await agentBlock.run(noCredential.context).catch((e: unknown) => e);
    expect(missing).toMatchObject({ code: 'missing_credential' });
    expect((missing as Error).message).toContain('ORDERS_TOKEN');
    expect(provider().requests.length).toBe(before);
  });
});
