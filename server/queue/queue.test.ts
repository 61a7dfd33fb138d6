import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../db';
import { ApiError } from '../errors';
import { resetEnvForTests } from '../env';
import { cancelExecution } from '../services/executions/cancel';
import { launchExecution } from '../services/executions/launch';
import { checkHealth } from '../services/health';
import { executionRuntime } from '../services/executions/runtime';
import { executionEventStream } from '../services/execution-stream';
import { createWorkflow } from '../services/workflows';
import { setupTestDatabase } from '../test/database';
import { createTestWorkspace, type TestWorkspace } from '../test/fixtures';
import { block, chain } from '../test/graphs';
import { startTestWorker, type TestWorker } from '../test/workers';
import { workerUtils } from './jobs';

// Queue mode end to end: this test process is a web instance (it launches, streams and cancels), two worker
// processes run the executions on the same PostgreSQL.

const postgres = Boolean(process.env.TEST_DATABASE_URL);
const database = setupTestDatabase();
let ws: TestWorkspace;
let workflowId: string;
let workers: TestWorker[] = [];

beforeAll(async () => {
  if (!postgres) return;
  process.env.WEFT_EXECUTION_MODE = 'queue';
  process.env.DATABASE_URL = database().url;
  resetEnvForTests();
  await workerUtils(); // the queue's schema, before two workers race to create it
  ws = await createTestWorkspace('Queue');
  workflowId = (await createWorkflow(ws.owner, { name: 'Queued' })).id;
  workers = [await startTestWorker(database().url!), await startTestWorker(database().url!)];
}, 120_000);

afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  delete process.env.WEFT_EXECUTION_MODE;
  delete process.env.DATABASE_URL;
  resetEnvForTests();
});

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

  it('finishes on the other worker when one is killed mid-run: the fast block ran once, the stream has no gap', async () => {
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
    workers.push(await startTestWorker(database().url!));
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
    workers = [await startTestWorker(database().url!)];
    await workers[0]!.logged(new RegExp(`execution ${id}: nothing to run`));
    const prisma = await db();
    expect(await prisma.blockLog.count({ where: { executionId: id } })).toBe(0);
  });
});

describe.skipIf(!postgres)('a worker told to stop (SIGTERM)', () => {
  it('finishes the execution it runs before it exits', async () => {
    const graph = chain(block('slow', 'code', { code: 'await new Promise(r => setTimeout(r, 1500)); return 1' }));
    const { id, done } = await launch(graph);
    const runner = await workerRunning(id, 'slow');
    const exited = once(runner.process, 'exit');
    runner.process.kill('SIGTERM');
    await done;
    await exited;
    workers = workers.filter((w) => w !== runner);
    const row = await (await db()).execution.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: 'completed', output: { slow: 1 } });
    expect(row.runnerId?.split(':')[1]).toBe(String(runner.process.pid));
    workers.push(await startTestWorker(database().url!));
  });
});

describe.skipIf(!postgres)('the execution rate limit', () => {
  afterAll(() => {
    delete process.env.WEFT_RATE_LIMIT_EXECUTIONS_PER_MINUTE;
    resetEnvForTests();
  });

  it('is one count for every web instance of the database', async () => {
    process.env.WEFT_RATE_LIMIT_EXECUTIONS_PER_MINUTE = '2';
    resetEnvForTests();
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
    process.env.WEFT_EXECUTION_MODE = 'inline';
    resetEnvForTests();
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
      process.env.WEFT_EXECUTION_MODE = 'queue';
      resetEnvForTests();
      child.kill('SIGKILL');
    }
  });
});
