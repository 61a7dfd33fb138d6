import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { db, getDatabase } from '../db';
import { POOL } from '../sandbox/limits';
import { cancelExecution } from '../services/executions/cancel';
import { launchExecution } from '../services/executions/launch';
import { listExecutions } from '../services/executions/reads';
import { createWorkflow } from '../services/workflows';
import { enterQueueMode, leaveQueueMode, setupTestDatabase } from '../test/database';
import { createTestWorkspace } from '../test/fixtures';
import { block, chain } from '../test/graphs';
import { startTestWorker, type TestWorker } from '../test/workers';
import { ageJobPriorities } from './job-priorities';

// Fairness between workspaces in queue mode, with real worker processes on one PostgreSQL: one workspace flooding
// the queue neither holds every worker's job slots (job priority by workspace load) nor more than its share of any
// worker's sandbox processes, so another workspace's execution runs while the flood goes on.

const postgres = Boolean(process.env.TEST_DATABASE_URL);
const database = setupTestDatabase({ ownWorkers: true });
let workers: TestWorker[] = [];

beforeAll(async () => {
  if (postgres) await enterQueueMode(database().url!);
});

afterEach(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  workers = [];
});

afterAll(() => leaveQueueMode());

const SLOW_TEST_MS = 180_000;
const WORKERS = 2;

/** A workspace with a workflow, and a launcher of `graph` in it (one execution per call, in call order). */
async function workspace(name: string) {
  const ws = await createTestWorkspace(name);
  const workflowId = (await createWorkflow(ws.owner, { name })).id;
  const launch = (graph: ReturnType<typeof chain>) =>
    launchExecution({ workspaceId: ws.id, workflowId, source: { graph, version: 1, versionId: null }, trigger: 'api', input: {}, capMs: 120_000 });
  return { ws, workflowId, launch };
}

/** Launches `count` executions one after the other, each once its job is in the queue (a launch returns before). */
async function launchInOrder(launch: (graph: ReturnType<typeof chain>) => ReturnType<typeof launchExecution>, graph: ReturnType<typeof chain>, count: number) {
  const database = await getDatabase();
  const runs = [];
  for (let i = 0; i < count; i++) {
    const run = await launch(graph);
    while ((await database.sql.query('SELECT 1 FROM graphile_worker.jobs WHERE key = $1', [run.id])).length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    runs.push(run);
  }
  return runs;
}

async function startWorkers(concurrency: number) {
  workers = await Promise.all(Array.from({ length: WORKERS }, () => startTestWorker(database().url!, concurrency)));
}

/** The most intervals open at one instant (an interval ending when another begins does not overlap it). */
function mostAtOnce(intervals: readonly { began: number; ended: number }[]): number {
  const edges = intervals.flatMap((i) => [{ at: i.began, step: 1 }, { at: i.ended, step: -1 }]).sort((x, y) => x.at - y.at || x.step - y.step);
  let open = 0;
  let most = 0;
  for (const edge of edges) most = Math.max(most, (open += edge.step));
  return most;
}

describe.skipIf(!postgres)('fairness between workspaces across worker processes', () => {
  it("starts another workspace's single execution ahead of a flooding workspace's later ones", { timeout: SLOW_TEST_MS }, async () => {
    const concurrency = 2;
    const slots = WORKERS * concurrency;
    const a = await workspace('Flooding');
    const b = await workspace('Single');
    // Queued while no worker runs, so the order workers take them in is the queue's alone.
    const flood = await launchInOrder(a.launch, chain(block('slow', 'code', { code: 'await new Promise(r => setTimeout(r, 1000)); return 1' })), 3 * slots);
    const single = (await launchInOrder(b.launch, chain(block('quick', 'code', { code: 'return 2' })), 1))[0]!;

    // Its place says so too: second, right behind A's first (neither had another execution queued when it was added).
    const [queued] = (await listExecutions(b.ws.owner, b.workflowId, { status: 'queued' })).executions;
    expect(queued).toMatchObject({ id: single.id, queue_position: 2 });

    await startWorkers(concurrency);
    await Promise.all([single.done, ...flood.map((run) => run.done)]);
    const prisma = await db();
    const rows = await prisma.execution.findMany({ where: { id: { in: [single.id, ...flood.map((run) => run.id)] } }, select: { id: true, status: true, startedAt: true } });
    const startedAt = new Map(rows.map((row) => [row.id, row.startedAt!.getTime()]));
    expect(rows.every((row) => row.status === 'completed')).toBe(true);
    // B went in the first round of jobs; at most A's first ones (one per other slot) started before it.
    const aheadOfB = flood.filter((run) => startedAt.get(run.id)! < startedAt.get(single.id)!);
    expect(aheadOfB.length).toBeLessThan(slots);
    for (const later of flood.slice(slots - 1)) expect(startedAt.get(later.id)).toBeGreaterThan(startedAt.get(single.id)!);
  });

  it("holds a workspace to its share of each worker's sandbox processes while another workspace's code runs", { timeout: SLOW_TEST_MS }, async () => {
    // As many job slots per worker as sandbox processes, so only the share keeps A from holding all of them.
    const concurrency = POOL.maxWorkers;
    const a = await workspace('Sandbox flood');
    const b = await workspace('Sandbox single');
    // Each code block reports when it ran inside its sandbox process (measured there, so it held one meanwhile).
    const timed = (wait: number) => chain(block('code', 'code', { code: `const began = Date.now(); await new Promise(r => setTimeout(r, ${wait})); return { began, ended: Date.now() }` }));
    const flood = await launchInOrder(a.launch, timed(1500), 3 * WORKERS * concurrency);
    const single = (await launchInOrder(b.launch, timed(0), 1))[0]!;
    await startWorkers(concurrency);
    await Promise.all([single.done, ...flood.map((run) => run.done)]);

    const prisma = await db();
    const rows = await prisma.execution.findMany({ where: { id: { in: flood.map((run) => run.id) } }, select: { status: true, runnerId: true, output: true } });
    expect(rows.every((row) => row.status === 'completed')).toBe(true);
    const byProcess = new Map<string | null, typeof rows>();
    for (const row of rows) byProcess.set(row.runnerId, [...(byProcess.get(row.runnerId) ?? []), row]);
    const intervals = (list: typeof rows) => list.map((row) => (row.output as { code: { began: number; ended: number } }).code);
    // In every worker process, A's code never held more than its share of the sandbox processes at once…
    for (const list of byProcess.values()) expect(mostAtOnce(intervals(list))).toBeLessThanOrEqual(POOL.maxPerTenant);
    // …although it had more runs than that at once: some waited for a sandbox with job slots and processes to spare.
    const logs = await prisma.blockLog.findMany({ where: { executionId: { in: flood.map((run) => run.id) } }, select: { console: true } });
    expect(logs.filter((log) => JSON.stringify(log.console).includes('Waiting for a sandbox')).length).toBeGreaterThan(0);
    // B's code ran while A's flood went on: some of A's code began only after B's had ended.
    const mine = ((await prisma.execution.findUniqueOrThrow({ where: { id: single.id } })).output as { code: { began: number; ended: number } }).code;
    expect(intervals(rows).filter((run) => run.began >= mine.ended).length).toBeGreaterThan(0);
  });
});

describe.skipIf(!postgres)('the priority of a waiting job', () => {
  it('drops as the executions of its workspace ahead of it end, so a busy workspace cannot keep it waiting', async () => {
    const a = await workspace('Long flood');
    const b = await workspace('Busy neighbour');
    const quick = chain(block('quick', 'code', { code: 'return 1' }));
    // No worker runs: A's three jobs hold priorities 0, 1, 2, then B's three the same.
    const flood = await launchInOrder(a.launch, quick, 3);
    const neighbour = await launchInOrder(b.launch, quick, 3);
    const cancel = (ws: typeof a, run: { id: string }) => cancelExecution(ws.ws.owner, ws.workflowId, run.id);
    const position = async (ws: typeof a, id: string) => (await listExecutions(ws.ws.owner, ws.workflowId, { status: 'queued' })).executions.find((e) => e.id === id)?.queue_position;
    expect(await position(a, flood[2]!.id)).toBe(5); // behind B's first two

    // A's first two end; its third is now its workspace's first, and goes ahead of every job of B.
    for (const run of flood.slice(0, 2)) await cancel(a, run);
    expect(await ageJobPriorities()).toBe(1);
    expect(await position(a, flood[2]!.id)).toBeLessThan((await position(b, neighbour[0]!.id))!);
    // It only ever lowers, and a second pass finds nothing to do.
    expect(await ageJobPriorities()).toBe(0);
    const database = await getDatabase();
    const priorities = await database.sql.query<{ key: string; priority: number }>('SELECT key, priority FROM graphile_worker.jobs WHERE key = ANY($1)', [neighbour.map((run) => run.id)]);
    expect(Object.fromEntries(priorities.map((job) => [job.key, job.priority]))).toEqual(Object.fromEntries(neighbour.map((run, i) => [run.id, i])));
    await cancel(a, flood[2]!);
    for (const run of neighbour) await cancel(b, run);
  });
});
