import { run, type Runner, type Task } from 'graphile-worker';
import { activeExecutionStatuses } from '@/lib/execution-states';
import { db, getDatabase } from '../db';
import { storedGraph } from '../services/workflows';
import { RUNNER_ID } from '../engine/runner';
import { inlineRuntime } from '../services/executions/inline-runtime';
import { endExecution } from '../services/executions/recovery';
import { becomeWorker } from '../services/executions/runtime';
import { wakeBlock } from '../services/executions/waits';
import { ageJobPriorities } from './job-priorities';
import { EXECUTION_TASK, workerUtils, type QueuedExecution } from './jobs';
import { holdRunnerLock, runnerIsAlive } from './signals';

// A worker process (`npm run worker`): takes execution jobs from the queue and runs them here, like the inline
// runtime does (events persisted in order and notified, cancel commands obeyed). Every worker also watches the
// others: the jobs of a worker that died are unlocked for the rest, which resume them from what was recorded.

type Log = (message: string) => void;

/** How often a worker looks for executions whose worker died, and brings waiting jobs' priorities up to date. */
const LEASE_CHECK_MS = 2_000;
/** A job locked this recently may not have claimed its execution row yet; it is not judged by that row. */
const CLAIM_GRACE_SECONDS = 5;

/** Claims the job's execution for this process; null when there is nothing to run (ended, or another runs it). */
async function claim(queued: QueuedExecution) {
  const prisma = await db();
  const row = await prisma.execution.findUnique({ where: { id: queued.executionId } });
  if (!row || !(activeExecutionStatuses as readonly string[]).includes(row.status)) return null;
  // This process still runs it (a wake-up queued just before its pause was written came due at once): later.
  if (inlineRuntime.isRunning(row.id)) throw new Error(`execution ${row.id} is still running here`);
  // A runner that is alive still runs it (a job retried while its first worker goes on): try again later.
  if (row.runnerId && row.runnerId !== RUNNER_ID && (await runnerIsAlive(row.runnerId))) throw new Error(`execution ${row.id} is still running on ${row.runnerId}`);
  const startedAt = row.startedAt ?? new Date();
  const claimed = await prisma.execution.updateMany({ where: { id: row.id, status: row.status, runnerId: row.runnerId }, data: { status: 'running', runnerId: RUNNER_ID, startedAt } });
  if (claimed.count === 0) return null;
  const job = {
    executionId: row.id,
    workspaceId: row.workspaceId,
    workflowId: row.workflowId,
    graph: storedGraph(row),
    input: row.input as Record<string, unknown>,
    startedAt,
    capMs: queued.capMs,
    depth: queued.depth,
    // Started before (by a worker that died, or it paused): settled blocks are reused, events continue.
    resume: queued.resume === true || row.status !== 'queued',
  };
  return job;
}

/** The jobs this process runs now, by job id: the execution and the graphile worker (slot) that locked the job. */
type RunningJobs = Map<string, { executionId: string; lockedBy: string }>;

function executionTask(log: Log, running: RunningJobs): Task {
  return async (payload, helpers) => {
    const queued = payload as QueuedExecution;
    running.set(helpers.job.id, { executionId: queued.executionId, lockedBy: helpers.job.locked_by ?? '' });
    try {
      await runQueued(queued, log);
    } finally {
      running.delete(helpers.job.id);
    }
  };
}

/** Runs one job here: settles a wake-up's block, or claims the execution and runs (or resumes) it. */
export async function runQueued(queued: QueuedExecution, log: Log): Promise<void> {
  const began = Date.now();
  const ended = async () => {
    const row = await (await db()).execution.findUnique({ where: { id: queued.executionId }, select: { status: true } });
    log(`execution ${queued.executionId}: ${row?.status ?? 'gone'} after ${Date.now() - began} ms`);
  };
  // A wake-up settles the block whose time came and runs the execution on here.
  const woken = queued.wake ? await wakeBlock(queued.executionId, queued.wake) : null;
  if (woken) {
    log(`execution ${queued.executionId}: resuming, the time of block ${queued.wake} came`);
    await woken.done;
    return ended();
  }
  // Else (and for a wake-up whose worker died after it settled the block) the execution is resumed if it must be.
  const job = await claim(queued);
  if (!job) {
    log(`execution ${queued.executionId}: nothing to run (ended, taken or waiting)`);
    return;
  }
  log(`execution ${job.executionId}: ${job.resume ? 'resuming' : 'starting'}`);
  await inlineRuntime.launch(job);
  await ended();
}

/** Unlocks the jobs of workers whose process is gone, so another worker takes (and resumes) them. */
async function releaseJobsOfDeadWorkers(log: Log): Promise<void> {
  const database = await getDatabase();
  const held = await database.sql.query<{ locked_by: string; execution_id: string; runner_id: string }>(
    `SELECT j.locked_by, e.id AS execution_id, e."runnerId" AS runner_id
       FROM graphile_worker.jobs j JOIN "Execution" e ON e.id = split_part(j.key, ':', 1)
      WHERE j.task_identifier = $1 AND j.locked_by IS NOT NULL AND e."runnerId" IS NOT NULL
        AND j.locked_at < now() - make_interval(secs => $2)`,
    [EXECUTION_TASK, CLAIM_GRACE_SECONDS],
  );
  const dead = new Map<string, string[]>();
  for (const row of held) {
    if (row.runner_id === RUNNER_ID || (await runnerIsAlive(row.runner_id))) continue;
    dead.set(row.locked_by, [...(dead.get(row.locked_by) ?? []), row.execution_id]);
  }
  if (dead.size === 0) return;
  await (await workerUtils()).forceUnlockWorkers([...dead.keys()]);
  for (const ids of dead.values()) log(`worker gone; handing back execution(s) ${ids.join(', ')}`);
}

/**
 * Ends the sub-workflow executions a dead worker ran inside its caller's job: they have no job of their own, so no
 * worker would ever resume them. Their caller's job is handed back like any other, and it runs the sub-workflow
 * block again, as a new child execution; the orphan is recorded as failed (`interrupted`), not left running.
 */
async function endChildrenOfDeadWorkers(log: Log): Promise<void> {
  const database = await getDatabase();
  const children = await database.sql.query<{ id: string; runner_id: string }>(
    `SELECT e.id, e."runnerId" AS runner_id FROM "Execution" e
      WHERE e.status = 'running' AND e."parentExecutionId" IS NOT NULL AND e."runnerId" IS NOT NULL AND e."runnerId" <> $1
        AND NOT EXISTS (SELECT 1 FROM graphile_worker.jobs j WHERE j.task_identifier = $2 AND split_part(j.key, ':', 1) = e.id)`,
    [RUNNER_ID, EXECUTION_TASK],
  );
  const error = { message: 'The worker running this sub-workflow stopped; the calling block runs it again', code: 'interrupted' };
  for (const child of children) {
    if (await runnerIsAlive(child.runner_id)) continue;
    if (await endExecution(child.id, { status: 'failed', error }, ['running'])) log(`worker gone; sub-workflow execution ${child.id} ended as interrupted`);
  }
}

/**
 * SIGTERM/SIGINT: take no more jobs and let the running ones finish within `graceMs`; the ones still running then
 * (or at a second signal) are handed back: their jobs are unlocked and this process exits, which releases its
 * runner lock, so another worker claims them and resumes from what was recorded (finished blocks are not run again).
 * Exiting rather than aborting keeps the unfinished blocks unrecorded, so they run again instead of counting as failed.
 */
function stopOnSignals(runner: Runner, running: RunningJobs, graceMs: number, log: Log): void {
  let handingBack = false;
  const handBack = async () => {
    if (handingBack) return;
    handingBack = true;
    const jobs = [...running.values()];
    try {
      if (jobs.length > 0) {
        await (await workerUtils()).forceUnlockWorkers([...new Set(jobs.map((job) => job.lockedBy))]);
        log(`handing back execution(s) ${jobs.map((job) => job.executionId).join(', ')}`);
      }
    } catch (error) {
      // The other workers' lease check takes them over once this process is gone.
      log(`handing back failed (${(error as Error).message}); other workers take the jobs over after this process exits`);
    } finally {
      process.exit(0);
    }
  };
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return void handBack();
    stopping = true;
    log(`${signal}: taking no more jobs; ${running.size} running job(s) get ${graceMs} ms to finish`);
    const timer = setTimeout(() => void handBack(), graceMs);
    void runner.stop().finally(() => clearTimeout(timer));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  void runner.promise.finally(() => {
    process.off('SIGTERM', stop);
    process.off('SIGINT', stop);
  });
}

export interface WorkerOptions {
  concurrency: number;
  /** See `stopOnSignals`. */
  shutdownGraceMs: number;
  log?: Log;
}

/** Starts taking jobs, until SIGTERM/SIGINT (see `stopOnSignals`). */
export async function startWorker({ concurrency, shutdownGraceMs, log = (m) => console.log(`[weft worker] ${m}`) }: WorkerOptions): Promise<Runner> {
  becomeWorker();
  const database = await getDatabase();
  if (database.kind !== 'postgres' || !database.url) throw new Error('npm run worker needs PostgreSQL: set DATABASE_URL=postgres://…');
  await holdRunnerLock({ worker: true });
  await workerUtils();
  const running: RunningJobs = new Map();
  const runner = await run({
    connectionString: database.url,
    concurrency,
    pollInterval: 1_000,
    crontab: '', // schedules are Weft's own triggers, not graphile-worker's crontab file
    noHandleSignals: true, // see stopOnSignals
    taskList: { [EXECUTION_TASK]: executionTask(log, running) },
  });
  stopOnSignals(runner, running, shutdownGraceMs, log);
  const lease = setInterval(() => {
    Promise.all([releaseJobsOfDeadWorkers(log), endChildrenOfDeadWorkers(log)]).catch((error: Error) => log(`checking for dead workers failed: ${error.message}`));
    ageJobPriorities().catch((error: Error) => log(`lowering the priorities of waiting jobs failed: ${error.message}`));
  }, LEASE_CHECK_MS);
  void runner.promise.finally(() => clearInterval(lease));
  log(`${RUNNER_ID} taking up to ${concurrency} execution(s) at once`);
  return runner;
}
