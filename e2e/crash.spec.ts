import { expect, test } from '@playwright/test';
import { BOOTSTRAP_KEY, startServer, stopServer, tempDataDir, type TestServer } from './helpers/server';

// Kill the server with SIGKILL in the middle of an execution, start it again on the same data, and the
// execution reads failed / interrupted with the logs of the blocks that had finished.

test.describe.configure({ timeout: 120_000 });

const auth = { authorization: `Bearer ${BOOTSTRAP_KEY}`, 'content-type': 'application/json' };

/** Creates a workflow with `graph` through the REST API; its id. */
async function createWorkflow(server: TestServer, name: string, graph: object): Promise<string> {
  const created = await (await fetch(`${server.url}/api/workflows`, { method: 'POST', headers: auth, body: JSON.stringify({ name }) })).json();
  expect((await fetch(`${server.url}/api/workflows/${created.id}/graph`, { method: 'PUT', headers: auth, body: JSON.stringify(graph) })).status).toBe(200);
  return created.id;
}

/** Starts a streamed run and reads its events until `until` matches them: the execution's id and the open reader. */
async function streamRunUntil(server: TestServer, workflowId: string, input: object, until: RegExp) {
  const stream = await fetch(`${server.url}/api/workflows/${workflowId}/execute/stream`, { method: 'POST', headers: auth, body: JSON.stringify({ input }) });
  const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
  let text = '';
  while (!until.test(text)) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`stream ended early:\n${text}`);
    text += value;
  }
  const executionId = JSON.parse(text.match(/event: execution_start\ndata: (.*)\n/)![1]).execution_id as string;
  return { executionId, reader };
}

test('an execution cut off by a crash is marked interrupted after restart, keeping finished block logs', async () => {
  const dataDir = tempDataDir();
  let server: TestServer = await startServer(3197, dataDir);
  try {
    const workflowId = await createWorkflow(server, 'Crash me', {
      blocks: [
        { id: 'input', type: 'input', config: {}, position: { x: 0, y: 0 } },
        { id: 'quick', type: 'code', config: { code: 'return 42' }, position: { x: 200, y: 0 } },
        { id: 'slow', type: 'code', config: { code: 'await new Promise((r) => setTimeout(r, 60000)); return 1', timeout_ms: 120000 }, position: { x: 400, y: 0 } },
        { id: 'output', type: 'output', config: {}, position: { x: 600, y: 0 } },
      ],
      edges: [
        { source: 'input', target: 'quick' },
        { source: 'quick', target: 'slow' },
        { source: 'slow', target: 'output' },
      ],
    });

    // Follow the run until the slow block has started, then pull the plug.
    const { executionId, reader } = await streamRunUntil(server, workflowId, {}, /event: block_start\ndata: \{[^\n]*"block_id":"slow"/);
    await stopServer(server, 'SIGKILL');
    await reader.cancel().catch(() => undefined);

    server = await startServer(3197, dataDir);
    const execution = await (await fetch(`${server.url}/api/workflows/${workflowId}/executions/${executionId}`, { headers: auth })).json();
    expect(execution).toMatchObject({ status: 'failed', error: { code: 'interrupted', block_id: null } });
    const { block_logs } = await (await fetch(`${server.url}/api/workflows/${workflowId}/executions/${executionId}/logs`, { headers: auth })).json();
    expect(block_logs.map((l: { block_id: string; status: string }) => [l.block_id, l.status])).toEqual([
      ['input', 'success'],
      ['quick', 'success'],
    ]);
    expect(block_logs[1].output).toBe(42);

    // Its event stream now ends instead of hanging.
    const replay = await (await fetch(`${server.url}/api/workflows/${workflowId}/executions/${executionId}/stream`, { headers: auth })).text();
    expect(replay).toMatch(/event: error\ndata: \{[^\n]*"code":"interrupted"/);
  } finally {
    await stopServer(server);
  }
});

test('an approval waiting when the server is killed is still waiting after restart, and approving it then finishes the run', async () => {
  const dataDir = tempDataDir();
  let server: TestServer = await startServer(3197, dataDir);
  try {
    const workflowId = await createWorkflow(server, 'Ask first', {
      blocks: [
        { id: 'input', type: 'input', config: {}, position: { x: 0, y: 0 } },
        { id: 'ask', type: 'approval', config: { message: 'Ship {{input.what}}?' }, position: { x: 200, y: 0 } },
        { id: 'output', type: 'output', config: { value: { decision: '{{ask.decision}}', note: '{{ask.data.note}}' } }, position: { x: 400, y: 0 } },
      ],
      edges: [
        { source: 'input', target: 'ask' },
        { source: 'ask', target: 'output', sourceHandle: 'approved' },
      ],
    });

    const { executionId, reader } = await streamRunUntil(server, workflowId, { what: 'v2' }, /event: block_waiting\ndata: \{[^\n]*"block_id":"ask"/);
    await reader.cancel().catch(() => undefined);
    const urlOf = (s: TestServer) => `${s.url}/api/workflows/${workflowId}/executions/${executionId}`;
    await expect.poll(async () => (await (await fetch(urlOf(server), { headers: auth })).json()).status).toBe('waiting');
    await stopServer(server, 'SIGKILL');

    // Nothing of the run lived in the killed process: the new one finds it waiting, not interrupted.
    server = await startServer(3197, dataDir);
    const executionUrl = urlOf(server);
    expect(await (await fetch(executionUrl, { headers: auth })).json()).toMatchObject({ status: 'waiting' });

    const resumed = await fetch(`${executionUrl}/resume`, { method: 'POST', headers: auth, body: JSON.stringify({ block_id: 'ask', decision: 'approved', data: { note: 'go' } }) });
    expect(resumed.status).toBe(200);
    await expect.poll(async () => (await (await fetch(executionUrl, { headers: auth })).json()).status, { timeout: 30_000 }).toBe('completed');
    expect(await (await fetch(executionUrl, { headers: auth })).json()).toMatchObject({ output: { decision: 'approved', note: 'go' } });
    const again = await fetch(`${executionUrl}/resume`, { method: 'POST', headers: auth, body: JSON.stringify({ block_id: 'ask', decision: 'rejected' }) });
    expect(again.status).toBe(409);
  } finally {
    await stopServer(server);
  }
});
