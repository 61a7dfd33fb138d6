import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { setCredential } from '@/server/services/credentials';
import { setupTestDatabase } from '@/server/test/database';
import { createTestWorkspace, type TestWorkspace } from '@/server/test/fixtures';
import { block, edge, graph, inputBlock, outputBlock } from '@/server/test/graphs';
import { restoreProviderEnv, useProviderEnv } from '@/server/test/llm-env';
import { startStandInProvider, type StandInProvider } from '@/server/test/llm-providers';
import { startStandInMcpServer, type StandInMcpServer } from '@/server/test/mcp-server';
import { apiJson } from '../_test/client';

// The workspace's MCP servers over REST, and an agent block in a real execution taking a tool from one.

setupTestDatabase();
let ws: TestWorkspace;
let provider: StandInProvider;
let mcp: StandInMcpServer;
const MODEL_KEY = 'sk-test-mcp-contract-0123456789';
const MCP_TOKEN = 'mcp-contract-token-7d2c4e';

beforeAll(async () => {
  ws = await createTestWorkspace();
  provider = await startStandInProvider({ apiKey: MODEL_KEY });
  mcp = await startStandInMcpServer();
});
afterAll(() => Promise.all([provider.close(), mcp.close()]));
beforeEach(() => useProviderEnv({ OPENAI_API_KEY: MODEL_KEY, OPENAI_BASE_URL: provider.baseUrl, WEFT_ALLOW_PRIVATE_NETWORK: 'true' }));
afterEach(() => restoreProviderEnv());

describe('/api/mcp-servers', () => {
  it('adds, lists, replaces and removes servers, showing credentials by name only', async () => {
    const key = ws.keys.editor;
    const put = await apiJson('PUT', '/api/mcp-servers/github', { key, body: { url: 'https://mcp.example.com/mcp', credential: 'GITHUB_TOKEN' } });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ name: 'github', url: 'https://mcp.example.com/mcp', credential: 'GITHUB_TOKEN' });
    await apiJson('PUT', '/api/mcp-servers/github', { key, body: { url: 'https://mcp2.example.com/mcp' } });
    const list = await apiJson<{ mcp_servers: { name: string; url: string; credential: string | null }[] }>('GET', '/api/mcp-servers', { key: ws.keys.viewer });
    expect(list.body.mcp_servers).toMatchObject([{ name: 'github', url: 'https://mcp2.example.com/mcp', credential: null }]);

    expect((await apiJson('DELETE', '/api/mcp-servers/github', { key })).status).toBe(204);
    expect(await apiJson('DELETE', '/api/mcp-servers/github', { key })).toMatchObject({ status: 404, body: { code: 'not_found' } });
  });

  it('refuses a bad name, a non-http URL and unknown fields with 400 validation_error', async () => {
    const key = ws.keys.editor;
    for (const [name, body, path] of [
      ['has space', { url: 'https://mcp.example.com/mcp' }, 'name'],
      ['ok', { url: 'file:///etc/passwd' }, 'url'],
      ['ok', { url: 'https://mcp.example.com/mcp', credential: 'not a name' }, 'credential'],
      ['ok', { url: 'https://mcp.example.com/mcp', extra: 1 }, ''],
    ] as const) {
      const res = await apiJson<{ code: string; details: { path: string }[] }>('PUT', `/api/mcp-servers/${encodeURIComponent(name)}`, { key, body });
      expect(res.status, `${name} ${JSON.stringify(body)}`).toBe(400);
      expect(res.body.code).toBe('validation_error');
      expect(res.body.details.map((detail) => detail.path)).toContain(path);
    }
    expect((await apiJson<{ mcp_servers: unknown[] }>('GET', '/api/mcp-servers', { key })).body.mcp_servers).toEqual([]);
  });

  it('lets an agent block of a running workflow call a tool of a configured server, with the credential and without recording it', async () => {
    await setCredential(ws.owner, { name: 'ORDERS_TOKEN', value: MCP_TOKEN });
    expect((await apiJson('PUT', '/api/mcp-servers/orders', { key: ws.keys.editor, body: { url: mcp.url, credential: 'ORDERS_TOKEN' } })).status).toBe(200);
    const created = await apiJson<{ id: string }>('POST', '/api/workflows', { key: ws.keys.editor, body: { name: 'Order desk' } });
    const agentGraph = graph(
      [inputBlock('input'), block('agent', 'agent', { model: 'openai/gpt-4o-mini', prompt: 'Where is order {{input.order}}?', tools: [], mcp_servers: ['orders'] }), outputBlock('output', { value: '{{agent.output}}' })],
      [edge('input', 'agent'), edge('agent', 'output')],
    );
    expect((await apiJson('PUT', `/api/workflows/${created.body.id}/graph`, { key: ws.keys.editor, body: agentGraph })).status).toBe(200);
    provider.script({ toolCalls: [{ name: 'orders_lookup_order', arguments: { order_id: 'B-9' } }] }, { text: ['Order B-9 has shipped.'] });

    const run = await apiJson<{ id: string; status: string; output: unknown }>('POST', `/api/workflows/${created.body.id}/execute`, { key: ws.keys.editor, body: { input: { order: 'B-9' } } });
    expect(run.body).toMatchObject({ status: 'completed', output: 'Order B-9 has shipped.' });
    expect(mcp.calls).toContainEqual({ order_id: 'B-9' });
    expect(mcp.requests.at(-1)?.headers.authorization).toBe(`Bearer ${MCP_TOKEN}`);
    const logs = await apiJson('GET', `/api/workflows/${created.body.id}/executions/${run.body.id}/logs`, { key: ws.keys.editor });
    expect(JSON.stringify(logs.body)).toContain('Order B-9 shipped on 2026-11-28');
    expect(JSON.stringify([run.body, logs.body])).not.toContain(MCP_TOKEN);
  });
});
