import { expect, test } from '@playwright/test';
import { at, chain, codeBlock, inputBlock, outputBlock, type TestGraph } from './helpers/executions';
import { bootstrapHeaders, createWorkflowOn, streamRunUntil, withCrashableServer } from './helpers/own-server';

// Kill the server with SIGKILL in the middle of an execution, start it again on the same data, and the
// execution reads failed / interrupted with the logs of the blocks that had finished.

test.describe.configure({ timeout: 120_000 });

const PORT = 3197;

async function getJson(url: string) {
  return (await fetch(url, { headers: bootstrapHeaders })).json();
}

/** input → quick (returns 42 at once) → slow (sleeps a minute) → output. */
const quickThenSlow = chain(
  inputBlock(at(0, 0)),
  codeBlock('quick', 'return 42', at(200, 0)),
  { id: 'slow', type: 'code', config: { code: 'await new Promise((r) => setTimeout(r, 60000)); return 1', timeout_ms: 120000 }, position: at(400, 0) },
  outputBlock(at(600, 0)),
);

/** input → ask (an approval) → output on approval, with the decision and the note the approver gave. */
const askFirst: TestGraph = {
  blocks: [
    inputBlock(at(0, 0)),
    { id: 'ask', type: 'approval', config: { message: 'Ship {{input.what}}?' }, position: at(200, 0) },
    outputBlock(at(400, 0), { decision: '{{ask.decision}}', note: '{{ask.data.note}}' }),
  ],
  edges: [
    { source: 'input', target: 'ask' },
    { source: 'ask', target: 'output', sourceHandle: 'approved' },
  ],
};

test('an execution cut off by a crash is marked interrupted after restart, keeping finished block logs', async () => {
  await withCrashableServer(PORT, async (own) => {
    const workflowId = await createWorkflowOn(own.server, 'Crash me', quickThenSlow);

    // Follow the run until the slow block has started, then pull the plug.
    const { executionId, reader } = await streamRunUntil(own.server, workflowId, {}, /event: block_start\ndata: \{[^\n]*"block_id":"slow"/);
    await own.crash();
    await own.restart();
    await reader.cancel().catch(() => undefined);

    const { server } = own;
    const execution = await getJson(`${server.url}/api/workflows/${workflowId}/executions/${executionId}`);
    expect(execution).toMatchObject({ status: 'failed', error: { code: 'interrupted', block_id: null } });
    const { block_logs } = await getJson(`${server.url}/api/workflows/${workflowId}/executions/${executionId}/logs`);
    expect(block_logs.map((l: { block_id: string; status: string }) => [l.block_id, l.status])).toEqual([
      ['input', 'success'],
      ['quick', 'success'],
    ]);
    expect(block_logs[1].output).toBe(42);

    // Its event stream now ends instead of hanging.
    const replay = await (await fetch(`${server.url}/api/workflows/${workflowId}/executions/${executionId}/stream`, { headers: bootstrapHeaders })).text();
    expect(replay).toMatch(/event: error\ndata: \{[^\n]*"code":"interrupted"/);
  });
});

test('an approval waiting when the server is killed is still waiting after restart, and approving it then finishes the run', async () => {
  await withCrashableServer(PORT, async (own) => {
    const workflowId = await createWorkflowOn(own.server, 'Ask first', askFirst);

    const { executionId, reader } = await streamRunUntil(own.server, workflowId, { what: 'v2' }, /event: block_waiting\ndata: \{[^\n]*"block_id":"ask"/);
    await reader.cancel().catch(() => undefined);
    const executionUrl = () => `${own.server.url}/api/workflows/${workflowId}/executions/${executionId}`;
    await expect.poll(async () => (await getJson(executionUrl())).status).toBe('waiting');

    // Nothing of the run lived in the killed process: the new one finds it waiting, not interrupted.
    await own.crash();
    await own.restart();
    expect(await getJson(executionUrl())).toMatchObject({ status: 'waiting' });

    const resumed = await fetch(`${executionUrl()}/resume`, { method: 'POST', headers: bootstrapHeaders, body: JSON.stringify({ block_id: 'ask', decision: 'approved', data: { note: 'go' } }) });
    expect(resumed.status).toBe(200);
    await expect.poll(async () => (await getJson(executionUrl())).status, { timeout: 30_000 }).toBe('completed');
    expect(await getJson(executionUrl())).toMatchObject({ output: { decision: 'approved', note: 'go' } });
    const again = await fetch(`${executionUrl()}/resume`, { method: 'POST', headers: bootstrapHeaders, body: JSON.stringify({ block_id: 'ask', decision: 'rejected' }) });
    expect(again.status).toBe(409);
  });
});
