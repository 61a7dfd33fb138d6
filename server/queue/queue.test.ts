import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isUnfinished } from '@/lib/execution-states';
import { db, getDatabase } from '../db';
import { ApiError } from '../errors';
import { cancelExecution } from '../services/executions/cancel';
import { launchExecution } from '../services/executions/launch';
import { getExecution, listExecutions } from '../services/executions/reads';
import { searchExecutions } from '../services/execution-history';
import { checkHealth } from '../services/health';
import { executionRuntime } from '../services/executions/runtime';
import { recordPause } from '../services/executions/waits';
import { executionEventStream } from '../services/execution-stream';
import { createWorkflow, replaceGraph } from '../services/workflows';
import { enterQueueMode, leaveQueueMode, setupTestDatabase } from '../test/database';
import { createTestWorkspace, workspaceWithWorkflow, type TestWorkspace } from '../test/fixtures';
import { block, chain, edge, graph, inputBlock, outputBlock } from '../test/graphs';
import { startTestWorker, type TestWorker } from '../test/workers';
import { executionEnd } from './wait';
import { setEnv, unsetEnv } from '@/server/test/env';

// Queue mode end to end: this test process is a web instance (it launches, streams and cancels), two worker
// processes run the executions on the same PostgreSQL.

const postgres = Boolean(process.env.TEST_DATABASE_URL);
const database = setupTestDatabase({ ownWorkers: true });
let ws: TestWorkspace;
let workflowId: string;
let workers: TestWorker[] = [];

beforeAll(async () => {
  if (!postgres) return;
  await enterQueueMode(database().url!);
  ({ ws, workflowId } = await workspaceWithWorkflow('Queue', 'Queued'));
  workers = [await startTestWorker(database().url!), await startTestWorker(database().url!)];
}, 120_000);

// Every test starts with two live workers, whatever the one before did to them (killed, stopped, replaced).
afterEach(async () => {
  if (!postgres) return;
  workers = workers.filter((w) => w.process.exitCode === null && w.process.signalCode === null);
  while (workers.length < 2) workers.push(await startTestWorker(database().url!));
}, 120_000);

afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  leaveQueueMode();
});

/** Tests that start, stop or kill worker processes: each start takes seconds on a loaded machine. */
const SLOW_TEST_MS = 180_000;

/** Every event of the stream a client following the execution from the start receives, as `id` and `event`. */
async function readStream(executionId: string) {
  const text = await new Response(executionEventStream(executionId, 0)).text();
  return [...text.matchAll(/^id: (\d+)\nevent: (\w+)\ndata: (.*)$/gm)].map((m) => ({ seq: Number(m[1]), type: m[2], data: JSON.parse(m[3]) as { block_id?: string } }));
}

async function launch(graph: ReturnType<typeof chain>) {
  const source = { graph, version: 1, versionId: null };
  return launchExecution({ workspaceId: ws.id, workflowId, source, trigger: 'api', input: {}, capMs: 120_000 });
}

/** The worker running the execution, once its slow block has started there. */
async function workerRunning(executionId: string, blockId: string): Promise<TestWorker> {
  const prisma = await db();
  for (;;) {
    const started = await prisma.executionEvent.findFirst({ where: { executionId, type: 'block_start', data: { path: ['block_id'], equals: blockId } } });
    const row = await prisma.execution.findUniqueOrThrow({ where: { id: executionId } });
    const worker = workers.find((w) => row.runnerId?.split(':')[1] === String(w.process.pid));
    if (started && worker) return worker;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.skipIf(!postgres)('queue mode with two workers', () => {
  it('runs on the queue runtime, and health says so with the queue depth and the live workers', async () => {
    expect(executionRuntime().mode).toBe('queue');
    expect(await checkHealth()).toMatchObject({ status: 'ok', mode: 'queue', queue_depth: 0, workers: 2 });
  });

  it('finishes on the other worker when one is killed mid-run: the fast block ran once, the stream has no gap', { timeout: SLOW_TEST_MS }, async () => {
    const graph = chain(block('fast', 'code', { code: 'return { n: 41 }' }), block('slow', 'code', { code: 'await new Promise(r => setTimeout(r, 1500)); return fast.n + 1' }));
    const { id, done } = await launch(graph);
    const stream = readStream(id);
    const victim = await workerRunning(id, 'slow');
    await victim.stop(); // SIGKILL
    workers = workers.filter((w) => w !== victim);
    await done;

    const prisma = await db();
    const row = await prisma.execution.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: 'completed', output: { slow: 42 } });
    expect(row.runnerId?.split(':')[1]).toBe(String(workers[0]!.process.pid));
    const events = await stream;
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events.filter((e) => e.type === 'block_start' && e.data.block_id === 'fast')).toHaveLength(1);
    expect(events.at(-1)).toMatchObject({ type: 'done', seq: row.lastEventSeq });
    expect(await prisma.blockLog.count({ where: { executionId: id, blockId: 'fast' } })).toBe(1);
  });

  it('stops a run on a worker when this web instance cancels it, and the run never ends up completed', async () => {
    const graph = chain(block('slow', 'code', { code: 'await new Promise(r => setTimeout(r, 60000)); return 1' }));
    const { id, done } = await launch(graph);
    const runner = await workerRunning(id, 'slow');
    const cancelled = await cancelExecution(ws.owner, workflowId, id);
    expect(cancelled.status).toBe('cancelled');
    await done;
    await runner.logged(new RegExp(`execution ${id}: cancelled`));
    const prisma = await db();
    expect(await prisma.execution.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'cancelled' });
    const events = await readStream(id);
    expect(events.filter((e) => e.type === 'done')).toHaveLength(0);
    expect(events.at(-1)).toMatchObject({ type: 'error' });
  });

  it('cancels a queued execution no worker has taken yet, and no worker runs it afterwards', async () => {
    await Promise.all(workers.map((w) => w.stop()));
    workers = [];
    const { id, done } = await launch(chain(block('never', 'code', { code: 'return 1' })));
    expect(await checkHealth()).toMatchObject({ queue_depth: 1, workers: 0 });
    const cancelled = await cancelExecution(ws.owner, workflowId, id);
    expect(cancelled.status).toBe('cancelled');
    await done;
    // Its job is gone with it: it no longer counts in the queue nor wakes a worker.
    expect(await checkHealth()).toMatchObject({ queue_depth: 0 });
    expect(await (await getDatabase()).sql.query('SELECT id FROM graphile_worker.jobs WHERE key = $1', [id])).toEqual([]);
    workers = [await startTestWorker(database().url!)];
    const after = await launch(chain(block('after', 'code', { code: 'return 2' })));
    await after.done;
    const prisma = await db();
    expect(await prisma.blockLog.count({ where: { executionId: id } })).toBe(0);
    expect(await prisma.execution.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'cancelled' });
  });
});

describe.skipIf(!postgres)('the history of queued executions', () => {
  it("shows each one's place in the queue, counting the jobs ahead of it whichever workspace they belong to", { timeout: SLOW_TEST_MS }, async () => {
    await Promise.all(workers.map((w) => w.stop()));
    workers = [];
    const other = await createTestWorkspace('Other queue');
    const otherFlow = (await createWorkflow(other.owner, { name: 'Theirs' })).id;
    const graph = chain(block('one', 'code', { code: 'return 1' }));
    const theirs = await launchExecution({ workspaceId: other.id, workflowId: otherFlow, source: { graph, version: 1, versionId: null }, trigger: 'api', input: {}, capMs: 120_000 });
    const first = await launch(graph);
    const second = await launch(graph);

    // A launch returns once the row exists; its job follows a moment later (until then it has no place yet).
    const positions = async () => (await listExecutions(ws.owner, workflowId, { status: 'queued' })).executions.map((e) => [e.id, e.queue_position]);
    while ((await positions()).some(([, position]) => position === null)) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await positions()).toEqual([[second.id, 3], [first.id, 2]]);
    expect(await getExecution(ws.owner, workflowId, first.id)).toMatchObject({ status: 'queued', queue_position: 2 });
    const history = await searchExecutions(ws.owner, { status: 'queued' });
    expect(history.executions.map((e) => [e.id, e.queue_position])).toEqual([[second.id, 3], [first.id, 2]]);
    expect((await searchExecutions(other.owner, {})).executions.map((e) => [e.id, e.queue_position])).toEqual([[theirs.id, 1]]);

    workers = [await startTestWorker(database().url!), await startTestWorker(database().url!)];
    await Promise.all([theirs.done, first.done, second.done]);
    expect(await getExecution(ws.owner, workflowId, first.id)).toMatchObject({ status: 'completed', queue_position: null });
  });
});

describe.skipIf(!postgres)('a worker told to stop (SIGTERM)', () => {
  it('takes no more jobs and finishes the execution it runs before it exits', { timeout: SLOW_TEST_MS }, async () => {
    const graph = chain(block('slow', 'code', { code: 'await new Promise(r => setTimeout(r, 1500)); return 1' }));
    const { id, done } = await launch(graph);
    const runner = await workerRunning(id, 'slow');
    const other = workers.find((w) => w !== runner)!;
    const exited = once(runner.process, 'exit');
    runner.process.kill('SIGTERM');
    await runner.logged(/SIGTERM: taking no more jobs/);
    // Started while the stopping worker still runs the first one: the other worker takes it.
    const later = await launch(chain(block('quick', 'code', { code: 'return 2' })));
    await Promise.all([done, later.done]);
    await exited;
    workers = workers.filter((w) => w !== runner);
    const prisma = await db();
    const row = await prisma.execution.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: 'completed', output: { slow: 1 } });
    expect(row.runnerId?.split(':')[1]).toBe(String(runner.process.pid));
    const laterRow = await prisma.execution.findUniqueOrThrow({ where: { id: later.id } });
    expect(laterRow).toMatchObject({ status: 'completed', output: { quick: 2 } });
    expect(laterRow.runnerId?.split(':')[1]).toBe(String(other.process.pid));
  });

  it('hands back an execution that outlasts its grace period: another worker completes it, finished blocks not run again', { timeout: SLOW_TEST_MS }, async () => {
    await Promise.all(workers.map((w) => w.stop()));
    const shortGrace = { WEFT_WORKER_SHUTDOWN_GRACE_MS: '300' };
    workers = await Promise.all([startTestWorker(database().url!, 2, shortGrace), startTestWorker(database().url!, 2, shortGrace)]);
    const graph = chain(block('fast', 'code', { code: 'return { n: 41 }' }), block('slow', 'code', { code: 'await new Promise(r => setTimeout(r, 8000)); return fast.n + 1' }));
    const { id, done } = await launch(graph);
    const stream = readStream(id);
    const stopping = await workerRunning(id, 'slow');
    const taker = workers.find((w) => w !== stopping)!;
    const exited = once(stopping.process, 'exit');
    stopping.process.kill('SIGTERM');
    await stopping.logged(new RegExp(`handing back execution\\(s\\) ${id}`));
    await exited;
    workers = [taker];
    await done;

    const prisma = await db();
    const row = await prisma.execution.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: 'completed', output: { slow: 42 } });
    expect(row.runnerId?.split(':')[1]).toBe(String(taker.process.pid));
    await taker.logged(new RegExp(`execution ${id}: resuming`));
    const events = await stream;
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events.filter((e) => e.type === 'block_start' && e.data.block_id === 'fast')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'done')).toHaveLength(1);
    expect(await prisma.blockLog.count({ where: { executionId: id, blockId: 'fast' } })).toBe(1);
    expect(await prisma.blockLog.count({ where: { executionId: id, blockId: 'slow' } })).toBe(1);
  });
});

describe.skipIf(!postgres)('a sub-workflow whose worker is killed', () => {
  it('leaves no execution running: the caller completes with a new child, the orphaned child fails as interrupted', { timeout: SLOW_TEST_MS }, async () => {
    const { id: child } = await createWorkflow(ws.owner, { name: 'Slow child' });
    await replaceGraph(ws.owner, child, chain(block('slow', 'code', { code: 'await new Promise(r => setTimeout(r, 2000)); return 7' })));
    const caller = chain(block('sub', 'workflow', { workflow_id: child, version: 'draft' }));
    const { id: callerFlow } = await createWorkflow(ws.owner, { name: 'Caller' });
    await replaceGraph(ws.owner, callerFlow, caller);
    const { id, done } = await launchExecution({ workspaceId: ws.id, workflowId: callerFlow, source: { graph: caller, version: 1, versionId: null }, trigger: 'api', input: {}, capMs: 120_000 });
    const prisma = await db();
    let orphan: { id: string; runnerId: string | null } | null = null;
    while (!orphan) {
      orphan = await prisma.execution.findFirst({ where: { parentExecutionId: id, events: { some: { type: 'block_start' } } }, select: { id: true, runnerId: true } });
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const victim = workers.find((w) => orphan.runnerId?.split(':')[1] === String(w.process.pid))!;
    await victim.stop(); // SIGKILL, with the child mid-block inside its caller's job
    workers = workers.filter((w) => w !== victim);
    await done;

    const row = await prisma.execution.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: 'completed', output: { sub: { slow: 7 } } });
    expect(await executionEnd(orphan.id, 30_000)).toBe(true);
    expect(await prisma.execution.findUniqueOrThrow({ where: { id: orphan.id } })).toMatchObject({ status: 'failed', error: { code: 'interrupted' } });
    const children = await prisma.execution.findMany({ where: { parentExecutionId: id }, select: { id: true, status: true } });
    expect(children.filter((c) => c.id !== orphan.id)).toEqual([{ id: (row.output as { sub: { child_execution_id: string } }).sub.child_execution_id, status: 'completed' }]);
  });
});

describe.skipIf(!postgres)('a timed wait in queue mode', () => {
  // A worker killed between writing `waiting` and queueing the wake-up would leave the execution waiting forever.
  it('has the wake-up queued before the pause is written', async () => {
    const { id } = await launchExecution({ workspaceId: ws.id, workflowId, source: { graph: chain(), version: 1, versionId: null }, trigger: 'api', input: {}, capMs: 60_000 });
    const inAnHour = new Date(Date.now() + 3_600_000).toISOString();
    const key = `${id}:wake:later`;
    const queuedWhenWritten = await recordPause(id, [{ block_id: 'later', message: null, awaits_decision: false, resume_at: inAnHour, on_time: { output: {} } }], async () => {
      const jobs = await (await getDatabase()).sql.query('SELECT 1 FROM graphile_worker.jobs WHERE key = $1', [key]);
      return jobs.length;
    });
    await (await getDatabase()).sql.query('SELECT graphile_worker.remove_job($1)', [key]);
    expect(queuedWhenWritten).toBe(1);
  });

  it('resumes on another worker at its time when the worker that recorded the wait is gone', { timeout: SLOW_TEST_MS }, async () => {
    const { id: flow } = await createWorkflow(ws.owner, { name: 'Approve by itself' });
    const approval = graph(
      [inputBlock(), block('ask', 'approval', { message: 'Go?', timeout_seconds: 5, on_timeout: 'approve' }), block('after', 'code', { code: 'return "went on"' }), outputBlock()],
      [edge('input', 'ask'), edge('ask', 'after', { sourceHandle: 'approved' }), edge('after', 'output')],
    );
    await replaceGraph(ws.owner, flow, approval);
    const source = { graph: approval, version: 1, versionId: null };
    const { id, done } = await launchExecution({ workspaceId: ws.id, workflowId: flow, source, trigger: 'api', input: {}, capMs: 120_000 });
    await done; // it waits: no process holds it
    const prisma = await db();
    const waiting = await prisma.execution.findUniqueOrThrow({ where: { id } });
    expect(waiting.status).toBe('waiting');
    const recorder = workers.find((w) => waiting.runnerId?.split(':')[1] === String(w.process.pid))!;
    await recorder.stop(); // SIGKILL, before the time comes
    workers = workers.filter((w) => w !== recorder);
    let row = waiting;
    while (isUnfinished(row.status)) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      row = await prisma.execution.findUniqueOrThrow({ where: { id } });
    }
    expect(row).toMatchObject({ status: 'completed', output: { after: 'went on' } });
    expect(row.runnerId?.split(':')[1]).toBe(String(workers[0]!.process.pid));
    expect((await prisma.blockLog.findFirst({ where: { executionId: id, blockId: 'ask' } }))?.output).toMatchObject({ decision: 'approved' });
  });
});

describe.skipIf(!postgres)('the execution rate limit', () => {
  afterAll(() => unsetEnv('WEFT_RATE_LIMIT_EXECUTIONS_PER_MINUTE'));

  it('is one count for every web instance of the database', async () => {
    setEnv('WEFT_RATE_LIMIT_EXECUTIONS_PER_MINUTE', '2');
    // Web instance B, another process, starts one execution of the workspace's two this minute.
    const instanceB = `const { checkExecutionRate } = await import('./server/services/rate-limit.ts');
      await checkExecutionRate(${JSON.stringify(ws.id)}, { take: true }); process.exit(0);`;
    await promisify(execFile)(process.execPath, ['--conditions=react-server', '--import', 'tsx', '--input-type=module', '-e', instanceB], {
      env: { ...process.env, DATABASE_URL: database().url, NODE_OPTIONS: '' },
    });
    // This instance gets the other one, and then no more.
    const graph = chain(block('one', 'code', { code: 'return 1' }));
    await (await launch(graph)).done;
    const refused = await launch(graph).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ApiError);
    expect(refused).toMatchObject({ code: 'rate_limited' });
  });
});

describe.skipIf(!postgres)('inline mode with several web instances on one PostgreSQL', () => {
  it('stops a run that web instance B runs when web instance A cancels it', async () => {
    const graph = chain(block('slow', 'code', { code: 'await new Promise(r => setTimeout(r, 60000)); return 1' }));
    // Web instance B, another process in inline mode, starts the execution and runs it itself.
    const instanceB = `const { launchExecution } = await import('./server/services/executions/launch.ts');
      const source = { graph: ${JSON.stringify(graph)}, version: 1, versionId: null };
      const { id, done } = await launchExecution({ workspaceId: ${JSON.stringify(ws.id)}, workflowId: ${JSON.stringify(workflowId)}, source, trigger: 'api', input: {}, capMs: 120000 });
      console.log('launched ' + id); await done; console.log('ended'); process.exit(0);`;
    const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', '--input-type=module', '-e', instanceB], {
      env: { ...process.env, DATABASE_URL: database().url, WEFT_EXECUTION_MODE: 'inline', NODE_OPTIONS: '' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    const ended = new Promise<void>((resolve) => child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('ended')) resolve();
    }));
    const exited = once(child, 'exit');
    const prisma = await db();
    let id: string | undefined;
    for (;;) {
      id = /launched (\S+)/.exec(output)?.[1];
      if (id && (await prisma.executionEvent.count({ where: { executionId: id, type: 'block_start' } })) > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // This process is web instance A, in inline mode too.
    setEnv('WEFT_EXECUTION_MODE', 'inline');
    try {
      const cancelled = await cancelExecution(ws.owner, workflowId, id);
      expect(cancelled.status).toBe('cancelled');
      await ended; // B's run stopped: its `done` settled long before the block's minute
      await exited;
      const events = await readStream(id);
      expect(events.filter((e) => e.type === 'error')).toHaveLength(1);
      expect(events.at(-1)).toMatchObject({ type: 'error' });
      expect((await prisma.blockLog.findFirst({ where: { executionId: id, blockId: 'slow' } }))?.error).toMatchObject({ code: 'cancelled' });
    } finally {
      setEnv('WEFT_EXECUTION_MODE', 'queue');
      child.kill('SIGKILL');
    }
  });
});
