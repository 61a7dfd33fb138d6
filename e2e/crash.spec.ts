import { expect, test } from '@playwright/test';
import { at, chain, codeBlock, inputBlock, outputBlock, type TestGraph } from './helpers/executions';
import { BOOTSTRAP_KEY, startServer, stopServer, tempDataDir, type TestServer } from './helpers/server';

// Kill the server with SIGKILL in the middle of an execution, start it again on the same data, and the
// execution reads failed / interrupted with the logs of the blocks that had finished.

test.describe.configure({ timeout: 120_000 });

const PORT = 3197;

const auth = { authorization: `Bearer ${BOOTSTRAP_KEY}`, 'content-type': 'application/json' };

async function getJson(url: string) {
  return (await fetch(url, { headers: auth })).json();
}

/** Creates a workflow with `graph` through the REST API; its id. */
async function createWorkflow(server: TestServer, name: string, graph: TestGraph): Promise<string> {
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

interface CrashableServer {
  /** The server running now (a new one after each crash). */
  server: TestServer;
  /** Kills the server with SIGKILL, as a power cut would, and starts a new one on the same data. */
  crashAndRestart: () => Promise<void>;
}

/** Runs `steps` with a server of their own on an empty data directory, and stops whichever server runs at the end. */
async function withCrashableServer(steps: (own: CrashableServer) => Promise<void>) {
  const dataDir = tempDataDir();
  const own: CrashableServer = {
    server: await startServer(PORT, dataDir),
    crashAndRestart: async () => {
      await stopServer(own.server, 'SIGKILL');
      own.server = await startServer(PORT, dataDir);
    },
  };
  try {
    await steps(own);
  } finally {
    await stopServer(own.server);
  }
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
  await withCrashableServer(async (own) => {
    const workflowId = await createWorkflow(own.server, 'Crash me', quickThenSlow);

    // Follow the run until the slow block has started, then pull the plug.
    const { executionId, reader } = await streamRunUntil(own.server, workflowId, {}, /event: block_start\ndata: \{[^\n]*"block_id":"slow"/);
    await own.crashAndRestart();
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
    const replay = await (await fetch(`${server.url}/api/workflows/${workflowId}/executions/${executionId}/stream`, { headers: auth })).text();
    expect(replay).toMatch(/event: error\ndata: \{[^\n]*"code":"interrupted"/);
  });
});

test('an approval waiting when the server is killed is still waiting after restart, and approving it then finishes the run', async () => {
  await withCrashableServer(async (own) => {
    const workflowId = await createWorkflow(own.server, 'Ask first', askFirst);

    const { executionId, reader } = await streamRunUntil(own.server, workflowId, { what: 'v2' }, /event: block_waiting\ndata: \{[^\n]*"block_id":"ask"/);
    await reader.cancel().catch(() => undefined);
    const executionUrl = () => `${own.server.url}/api/workflows/${workflowId}/executions/${executionId}`;
    await expect.poll(async () => (await getJson(executionUrl())).status).toBe('waiting');

    // Nothing of the run lived in the killed process: the new one finds it waiting, not interrupted.
    await own.crashAndRestart();
    expect(await getJson(executionUrl())).toMatchObject({ status: 'waiting' });

    const resumed = await fetch(`${executionUrl()}/resume`, { method: 'POST', headers: auth, body: JSON.stringify({ block_id: 'ask', decision: 'approved', data: { note: 'go' } }) });
    expect(resumed.status).toBe(200);
    await expect.poll(async () => (await getJson(executionUrl())).status, { timeout: 30_000 }).toBe('completed');
    expect(await getJson(executionUrl())).toMatchObject({ output: { decision: 'approved', note: 'go' } });
    const again = await fetch(`${executionUrl()}/resume`, { method: 'POST', headers: auth, body: JSON.stringify({ block_id: 'ask', decision: 'rejected' }) });
    expect(again.status).toBe(409);
  });
});
