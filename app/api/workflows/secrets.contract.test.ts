import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { block, edge, graph, inputBlock, outputBlock } from '@/server/test/graphs';
import { setupTestDatabase } from '@/server/test/database';
import { editorWorkspace } from '@/server/test/fixtures';
import { startServer, type TestServer } from '@/server/test/http-server';
import { setCredential } from '@/server/services/credentials';
import { api, apiJson, createWorkflowWithGraph, invalidGraphDetails } from '../_test/client';
import { setEnv, unsetEnv } from '@/server/test/env';

// Workspace secrets in workflows (../shared/API.md "Typed input and secrets"): `{{secrets.NAME}}` in config strings,
// `secrets.NAME` in code; the value reaches the outside world and nothing the product records or shows.

// The partner is a local server; set before the database (and, in queue mode, the worker processes) start.
setEnv('WEFT_ALLOW_PRIVATE_NETWORK', 'true');
setupTestDatabase();
const SECRET = 'sk-live-0123456789abcdef';
let key: string;
let echo: TestServer;

beforeAll(async () => {
  const editor = await editorWorkspace();
  key = editor.key;
  await setCredential(editor.ws.owner, { name: 'PARTNER_TOKEN', value: SECRET });
  // Echoes what it received, so a careless record of the response would carry the secret too.
  echo = await startServer((request, response) => {
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ saw: request.headers.authorization }));
  });
});

afterAll(async () => {
  await echo.close();
  unsetEnv('WEFT_ALLOW_PRIVATE_NETWORK');
});

const callsPartner = () =>
  graph(
    [
      inputBlock(),
      block('call', 'http', { url: `${echo.origin}/hook`, headers: { Authorization: 'Bearer {{secrets.PARTNER_TOKEN}}' } }),
      block('peek', 'code', { code: 'console.log("token is", secrets.PARTNER_TOKEN); return { length: secrets["PARTNER_TOKEN"].length, echoed: call.body.saw }' }),
      outputBlock('output', { value: '{{peek}}' }),
    ],
    [edge('input', 'call'), edge('call', 'peek'), edge('peek', 'output')],
  );

describe('secrets in workflows', () => {
  it('sends the value in an http header, lets code read it, and keeps it out of every log, event, export and version', async () => {
    const id = await createWorkflowWithGraph(key, callsPartner(), 'Partner call');
    const run = await apiJson<{ id: string; status: string; output: unknown }>('POST', `/api/workflows/${id}/execute`, { key, body: { input: {} } });
    expect(run.body.status).toBe('completed');
    expect(echo.requests.at(-1)?.headers.authorization).toBe(`Bearer ${SECRET}`);
    expect(run.body.output).toEqual({ length: SECRET.length, echoed: 'Bearer [redacted]' });

    const deployed = await api('POST', `/api/workflows/${id}/deploy`, { key });
    expect(deployed.status).toBe(200);
    const texts = await Promise.all(
      [
        `/api/workflows/${id}`,
        `/api/workflows/${id}/executions`,
        `/api/workflows/${id}/executions/${run.body.id}`,
        `/api/workflows/${id}/executions/${run.body.id}/logs`,
        `/api/workflows/${id}/executions/${run.body.id}/stream`,
        `/api/workflows/${id}/export`,
        `/api/workflows/${id}/versions`,
        `/api/workflows/${id}/versions/1`,
      ].map(async (path) => {
        const res = await api('GET', path, { key });
        expect(res.status, path).toBe(200);
        return res.text();
      }),
    );
    for (const text of texts) expect(text).not.toContain(SECRET);
    const [, , , logs, events] = texts;
    expect(logs).toContain('token is [redacted]');
    expect(logs).toContain('Bearer [redacted]');
    expect(events).toContain('token is [redacted]');
  });

  it('refuses a graph naming a secret the workspace does not have, in a template or in code, as invalid_graph', async () => {
    const bad = graph(
      [
        inputBlock(),
        block('call', 'http', { url: `${echo.origin}/x`, headers: { 'X-Key': '{{secrets.NOPE}}' } }),
        block('peek', 'code', { code: 'return secrets.ALSO_NOPE' }),
        outputBlock(),
      ],
      [edge('input', 'call'), edge('call', 'peek'), edge('peek', 'output')],
    );
    expect(await invalidGraphDetails(key, bad)).toMatchObject([
      { block_id: 'peek', field: 'config.code', message: expect.stringContaining('"ALSO_NOPE"') },
      { block_id: 'call', field: 'config.headers.X-Key', message: expect.stringContaining('"NOPE", which this workspace does not have') },
    ]);
  });

  it('reserves the block id "secrets"', async () => {
    const reserved = graph([inputBlock(), block('secrets', 'code', { code: 'return 1' }), outputBlock()], [edge('input', 'secrets'), edge('secrets', 'output')]);
    expect(await invalidGraphDetails(key, reserved)).toMatchObject([{ block_id: 'secrets', field: 'id', message: expect.stringContaining('reserved') }]);
  });
});
