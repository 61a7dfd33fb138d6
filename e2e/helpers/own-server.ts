import { expect } from '@playwright/test';
import { BOOTSTRAP_KEY, startServer, stopServer, tempDataDir, type TestServer } from './server';

// Driving a server of a test's own through the REST API with its bootstrap key, and crashing it on purpose.

/** The headers of a JSON request made with the bootstrap key. */
export const bootstrapHeaders = { authorization: `Bearer ${BOOTSTRAP_KEY}`, 'content-type': 'application/json' };

/** Creates a workflow with `graph` through the REST API; its id. */
export async function createWorkflowOn(server: TestServer, name: string, graph: unknown): Promise<string> {
  const created = await (await fetch(`${server.url}/api/workflows`, { method: 'POST', headers: bootstrapHeaders, body: JSON.stringify({ name }) })).json();
  expect((await fetch(`${server.url}/api/workflows/${created.id}/graph`, { method: 'PUT', headers: bootstrapHeaders, body: JSON.stringify(graph) })).status).toBe(200);
  return created.id;
}

/** Starts a streamed run and reads its events until `until` matches them: the execution's id, the open reader and the text so far. */
export async function streamRunUntil(server: TestServer, workflowId: string, input: object, until: RegExp) {
  const stream = await fetch(`${server.url}/api/workflows/${workflowId}/execute/stream`, { method: 'POST', headers: bootstrapHeaders, body: JSON.stringify({ input }) });
  const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
  let text = '';
  while (!until.test(text)) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`stream ended early:\n${text}`);
    text += value;
  }
  const executionId = JSON.parse(text.match(/event: execution_start\ndata: (.*)\n/)![1]).execution_id as string;
  return { executionId, reader, text };
}

export interface CrashableServer {
  /** The server running now (a new one after each restart). */
  server: TestServer;
  /** Kills the server with SIGKILL, as a power cut would. */
  crash: () => Promise<void>;
  /** Starts a new server on the same data. */
  restart: () => Promise<void>;
}

/**
 * Runs `steps` with a server of their own on an empty data directory, and stops whichever server runs at the end;
 * the data directory, to read once no server has it open.
 */
export async function withCrashableServer(port: number, steps: (own: CrashableServer) => Promise<void>): Promise<string> {
  const dataDir = tempDataDir();
  const own: CrashableServer = {
    server: await startServer(port, dataDir),
    crash: () => stopServer(own.server, 'SIGKILL'),
    restart: async () => {
      own.server = await startServer(port, dataDir);
    },
  };
  try {
    await steps(own);
  } finally {
    await stopServer(own.server);
  }
  return dataDir;
}
