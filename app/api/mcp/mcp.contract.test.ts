import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { block, edge, graph, inputBlock, outputBlock } from '@/server/test/graphs';
import { setupTestDatabase } from '@/server/test/database';
import { createTestWorkspace, type TestWorkspace } from '@/server/test/fixtures';
import { api, apiJson } from '../_test/client';

// /api/mcp with the MCP SDK's own client: the workspace's deployed workflows are its tools.

setupTestDatabase();
let ws: TestWorkspace;
let other: TestWorkspace;

beforeAll(async () => {
  [ws, other] = await Promise.all([createTestWorkspace(), createTestWorkspace()]);
});

async function connect(key: string | null) {
  const fetchInProcess = async (url: string | URL, init?: RequestInit) => {
    const request = new Request(url, init);
    const target = new URL(request.url);
    const headers = Object.fromEntries(request.headers);
    return api(request.method, target.pathname + target.search, { headers, key: key ?? undefined, body: request.body ? await request.text() : undefined });
  };
  const client = new Client({ name: 'weft-test', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL('http://weft.test/api/mcp'), { fetch: fetchInProcess }));
  return client;
}

async function deployed(key: string, name: string, fields?: unknown[]) {
  const created = await apiJson<{ id: string }>('POST', '/api/workflows', { key, body: { name, description: `${name}, as a tool` } });
  const shout = graph(
    [inputBlock('input', fields ? { fields } : {}), block('shout', 'code', { code: 'return String(input.text).toUpperCase() + "!"' }), outputBlock('output', { value: '{{shout}}' })],
    [edge('input', 'shout'), edge('shout', 'output')],
  );
  expect((await apiJson('PUT', `/api/workflows/${created.body.id}/graph`, { key, body: shout })).status).toBe(200);
  expect((await apiJson('POST', `/api/workflows/${created.body.id}/deploy`, { key })).status).toBe(200);
  return created.body.id;
}

describe('/api/mcp', () => {
  it('lists the deployed workflows of the caller\'s workspace as tools, typed by their input fields', async () => {
    await deployed(ws.keys.editor, 'Shout Typed', [{ name: 'text', type: 'string', required: true, description: 'What to shout' }]);
    await deployed(ws.keys.editor, 'Shout Loose');
    await apiJson('POST', '/api/workflows', { key: ws.keys.editor, body: { name: 'Draft only' } });
    await deployed(other.keys.editor, 'Somebody else');

    const client = await connect(ws.keys.viewer);
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.title)).toEqual(['Shout Loose', 'Shout Typed']);
    const typed = tools.find((tool) => tool.title === 'Shout Typed')!;
    expect(typed.name).toMatch(/^shout_typed_[A-Za-z0-9]+$/);
    expect(typed.description).toBe('Shout Typed, as a tool');
    expect(typed.inputSchema).toEqual({ type: 'object', properties: { text: { type: 'string', description: 'What to shout' } }, required: ['text'] });
    expect(tools.find((tool) => tool.title === 'Shout Loose')!.inputSchema).toEqual({ type: 'object' });
    await client.close();
  });

  it('runs the deployed version when a tool is called and returns its output', async () => {
    const workflowId = await deployed(ws.keys.editor, 'Shout Run', [{ name: 'text', type: 'string', required: true }]);
    const client = await connect(ws.keys.editor);
    const tool = (await client.listTools()).tools.find((t) => t.title === 'Shout Run')!;
    const result = await client.callTool({ name: tool.name, arguments: { text: 'hi' } });
    expect(result.isError).toBe(false);
    expect(result.content).toEqual([{ type: 'text', text: '"HI!"' }]);
    expect(result.structuredContent).toMatchObject({ status: 'completed', output: 'HI!' });
    const executions = await apiJson<{ executions: { trigger: string; output: unknown }[] }>('GET', `/api/workflows/${workflowId}/executions`, { key: ws.keys.editor });
    expect(executions.body.executions).toMatchObject([{ trigger: 'api', output: 'HI!' }]);

    const unknown = await client.callTool({ name: 'nothing_here', arguments: {} });
    expect(unknown.isError).toBe(true);
    await client.close();
  });

  it('refuses a viewer\'s tool call, and a call without a key', async () => {
    await deployed(ws.keys.editor, 'Shout Guarded');
    const viewer = await connect(ws.keys.viewer);
    const tool = (await viewer.listTools()).tools.find((t) => t.title === 'Shout Guarded')!;
    const refused = await viewer.callTool({ name: tool.name, arguments: { text: 'x' } });
    expect(refused).toMatchObject({ isError: true, content: [{ type: 'text', text: expect.stringContaining('Viewers') }] });
    await viewer.close();

    await expect(connect(null)).rejects.toThrow();
    const bare = await apiJson('POST', '/api/mcp', { body: { jsonrpc: '2.0', id: 1, method: 'tools/list' } });
    expect(bare).toMatchObject({ status: 401, body: { code: 'unauthorized' } });
  });
});

describe('/api/mcp requests', () => {
  it('answers plain JSON clients, and malformed or oversized bodies with the contract\'s errors', async () => {
    const list = await apiJson<{ result: { tools: unknown[] } }>('POST', '/api/mcp', { key: ws.keys.viewer, body: { jsonrpc: '2.0', id: 7, method: 'tools/list' } });
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ jsonrpc: '2.0', id: 7, result: { tools: expect.any(Array) } });
    expect(await apiJson('POST', '/api/mcp', { key: ws.keys.viewer, body: '{not json' })).toMatchObject({ status: 400, body: { code: 'validation_error' } });
    expect(await apiJson('POST', '/api/mcp', { key: ws.keys.viewer, body: { id: 1 } })).toMatchObject({ status: 400, body: { code: 'validation_error' } });
    const huge = { jsonrpc: '2.0', id: 1, method: 'tools/list', params: { pad: 'x'.repeat(2 * 1024 * 1024) } };
    expect(await apiJson('POST', '/api/mcp', { key: ws.keys.viewer, body: huge })).toMatchObject({ status: 413, body: { code: 'payload_too_large' } });
    expect((await api('GET', '/api/mcp', { key: ws.keys.viewer })).status).toBe(405);
  });
});
