import { beforeAll, describe, expect, it } from 'vitest';
import type { Graph } from '@/lib/graph/schema';
import { db } from '../db';
import { setupTestDatabase } from '../test/database';
import { workspaceWithWorkflow, type TestWorkspace } from '../test/fixtures';
import { block, chain } from '../test/graphs';
import { executionEventStream } from './execution-stream';
import { inlineRuntime } from './executions/inline-runtime';
import { runExecution, type ExecutionJob } from './executions/run';

// A client following an execution over SSE gets every event once, in order, numbered as the database records them,
// whether it follows live in the process running it or from the database (another process), with the recorder
// writing in batches.

setupTestDatabase();
let ws: TestWorkspace;
let workflowId: string;

beforeAll(async () => ({ ws, workflowId } = await workspaceWithWorkflow('Streams', 'Followed')));

// Each block waits a little, so the run spans several of the recorder's batches.
const followed = chain(
  ...Array.from({ length: 6 }, (_, i) =>
    block(`c${i + 1}`, 'code', { code: `await new Promise((r) => setTimeout(r, 30)); return { counter: ${i === 0 ? 1 : `c${i}.counter + 1`} }` }),
  ),
);

async function newJob(graph: Graph = followed): Promise<ExecutionJob> {
  const startedAt = new Date();
  const row = await (await db()).execution.create({
    data: { workspaceId: ws.id, workflowId, version: 1, graph, status: 'running', trigger: 'api', input: {}, startedAt },
  });
  return { executionId: row.id, workspaceId: ws.id, workflowId, graph, input: {}, startedAt, capMs: 60_000, depth: 0 };
}

/** What a client reading the stream from `afterSeq` (its Last-Event-ID) receives, to the end. */
async function readStream(executionId: string, afterSeq = 0) {
  const text = await new Response(executionEventStream(executionId, afterSeq)).text();
  return [...text.matchAll(/^id: (\d+)\nevent: (\w+)$/gm)].map((m) => ({ seq: Number(m[1]), type: m[2] }));
}

async function recorded(executionId: string) {
  const rows = await (await db()).executionEvent.findMany({ where: { executionId }, orderBy: { seq: 'asc' } });
  return rows.map((row) => ({ seq: row.seq, type: row.type }));
}

describe('following an execution', () => {
  it('live in the process running it: every event once, in order, as recorded', async () => {
    const job = await newJob();
    const done = inlineRuntime.launch(job);
    const [seen] = await Promise.all([readStream(job.executionId), done]);
    const stored = await recorded(job.executionId);
    expect(stored.map((e) => e.seq)).toEqual(stored.map((_, i) => i + 1));
    expect(stored.filter((e) => e.type === 'block_complete')).toHaveLength(8); // input, six code blocks, output
    expect(seen).toEqual(stored);
    expect(seen.at(-1)?.type).toBe('done');
  });

  it('from the database, as another process would: every event once, in order, as each batch is committed', async () => {
    const job = await newJob();
    // Nothing of this execution is live in this process's memory, so the stream reads the database as it is written.
    const [seen] = await Promise.all([readStream(job.executionId), runExecution(job, new AbortController().signal)]);
    const stored = await recorded(job.executionId);
    expect(stored.at(-1)?.type).toBe('done');
    expect(seen).toEqual(stored);
    // Reconnecting with Last-Event-ID 5 gets exactly the rest.
    expect(await readStream(job.executionId, 5)).toEqual(stored.slice(5));
  });

  it('in the process running it: the run starts after its launcher has had its turn, so a stream is answered before the run takes the thread', async () => {
    // input → output: on the embedded database this whole run is synchronous work chained by promises, so started
    // at once it would be written and published before the launcher (the request answering with the stream) got a turn.
    const job = await newJob(chain());
    const published: string[] = [];
    const done = inlineRuntime.launch(job);
    inlineRuntime.subscribe(job.executionId, 0, (event) => published.push(event.type));
    const atLaunchersNextTurn = await new Promise<string[]>((resolve) => setImmediate(() => resolve([...published])));
    await done;
    expect(atLaunchersNextTurn).toEqual([]);
    expect(published.at(-1)).toBe('done');
  });
});
