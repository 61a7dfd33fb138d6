import { run, type Runner, type Task } from 'graphile-worker';
import { activeExecutionStatuses } from '@/lib/execution-states';
import { db, getDatabase } from '../db';
import { storedGraph } from '../services/workflows';
import { RUNNER_ID } from '../engine/runner';
import { inlineRuntime } from '../services/executions/inline-runtime';
import { becomeWorker } from '../services/executions/runtime';
import { EXECUTION_TASK, workerUtils, type QueuedExecution } from './jobs';
import { holdRunnerLock, runnerIsAlive } from './signals';

// A worker process (`npm run worker`): takes execution jobs from the queue and runs them here, like the inline
// runtime does (events persisted in order and notified, cancel commands obeyed). Every worker also watches the
// others: the jobs of a worker that died are unlocked for the rest, which resume them from what was recorded.

type Log = (message: string) => void;

/** How often a worker looks for executions whose worker died. */
const LEASE_CHECK_MS = 2_000;
/** A job locked this recently may not have claimed its execution row yet; it is not judged by that row. */
const CLAIM_GRACE_SECONDS = 5;

/** Claims the job's execution for this process; null when there is nothing to run (ended, or another runs it). */
async function claim(queued: QueuedExecution) {
  const prisma = await db();
  const row = await prisma.execution.findUnique({ where: { id: queued.executionId } });
  if (!row || !(activeExecutionStatuses as readonly string[]).includes(row.status)) return null;
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

function executionTask(log: Log): Task {
  return async (payload) => {
    const queued = payload as QueuedExecution;
    const job = await claim(queued);
    if (!job) {
      log(`execution ${queued.executionId}: nothing to run (ended or taken)`);
      return;
    }
    log(`execution ${job.executionId}: ${job.resume ? 'resuming' : 'starting'}`);
    const began = Date.now();
    await inlineRuntime.launch(job);
    const row = await (await db()).execution.findUnique({ where: { id: job.executionId }, select: { status: true } });
    log(`execution ${job.executionId}: ${row?.status ?? 'gone'} after ${Date.now() - began} ms`);
  };
}

/** Unlocks the jobs of workers whose process is gone, so another worker takes (and resumes) them. */
async function releaseJobsOfDeadWorkers(log: Log): Promise<void> {
  const database = await getDatabase();
  const held = await database.sql.query<{ locked_by: string; execution_id: string; runner_id: string }>(
    `SELECT j.locked_by, e.id AS execution_id, e."runnerId" AS runner_id
       FROM graphile_worker.jobs j JOIN "Execution" e ON e.id = j.key
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

export interface WorkerOptions {
  concurrency: number;
  log?: Log;
}

/** Starts taking jobs; the runner stops gracefully on SIGTERM/SIGINT (running executions finish first). */
export async function startWorker({ concurrency, log = (m) => console.log(`[weft worker] ${m}`) }: WorkerOptions): Promise<Runner> {
  becomeWorker();
  const database = await getDatabase();
  if (database.kind !== 'postgres' || !database.url) throw new Error('npm run worker needs PostgreSQL: set DATABASE_URL=postgres://…');
  await holdRunnerLock({ worker: true });
  await workerUtils();
  const runner = await run({
    connectionString: database.url,
    concurrency,
    pollInterval: 1_000,
    crontab: '', // schedules are Weft's own triggers, not graphile-worker's crontab file
    taskList: { [EXECUTION_TASK]: executionTask(log) },
  });
  const lease = setInterval(() => {
    releaseJobsOfDeadWorkers(log).catch((error: Error) => log(`checking for dead workers failed: ${error.message}`));
  }, LEASE_CHECK_MS);
  void runner.promise.finally(() => clearInterval(lease));
  log(`${RUNNER_ID} taking up to ${concurrency} execution(s) at once`);
  return runner;
}
