import { makeWorkerUtils, type WorkerUtils } from 'graphile-worker';
import pg from 'pg';
import { closeWithDatabase, getDatabase } from '../db';

// The job queue (graphile-worker, in its own `graphile_worker` schema of the same PostgreSQL): one job per
// execution to run, keyed by the execution id. The Execution row stays the truth about the execution; a job only
// says "someone should run this".

export const EXECUTION_TASK = 'weft_execution';

/** What a job carries; the rest (graph, input, workspace) is read from the Execution row when it runs. */
export interface QueuedExecution {
  executionId: string;
  capMs: number;
  depth: number;
  resume?: boolean;
  /** A wake-up, due at the time a block of the waiting execution waits for: that block is settled first. */
  wake?: string;
}

/** Attempts of one job: each worker that died (or stopped forcefully) holding it used one. */
const MAX_ATTEMPTS = 10;

interface QueueClient {
  utils: WorkerUtils;
  pool: pg.Pool;
}

const globalForJobs = globalThis as unknown as { weftQueueClient?: Promise<QueueClient> };

/** The queue's schema, migrated on first use in this process. */
export async function workerUtils(): Promise<WorkerUtils> {
  globalForJobs.weftQueueClient ??= (async () => {
    const database = await getDatabase();
    if (database.kind !== 'postgres' || !database.url) throw new Error('The execution queue needs PostgreSQL (DATABASE_URL)');
    // Our own pool rather than graphile-worker's: its release() does not wait for the pool to end and drops the
    // error handlers first, so a connection the server ends meanwhile (a restart) would crash the process.
    const pool = new pg.Pool({ connectionString: database.url, max: 10 });
    const logLost = (error: Error) => console.error('[weft] queue connection error:', error.message);
    pool.on('error', logLost);
    pool.on('connect', (client) => client.on('error', logLost));
    try {
      const utils = await makeWorkerUtils({ pgPool: pool });
      await utils.migrate();
      return { utils, pool };
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw error;
    }
  })();
  globalForJobs.weftQueueClient.catch(() => (globalForJobs.weftQueueClient = undefined));
  return (await globalForJobs.weftQueueClient).utils;
}

closeWithDatabase(async () => {
  const client = globalForJobs.weftQueueClient;
  globalForJobs.weftQueueClient = undefined;
  const opened = await client?.catch(() => null);
  if (!opened) return;
  await Promise.resolve(opened.utils.release()).catch(() => undefined);
  await opened.pool.end().catch(() => undefined);
});

/**
 * Adds the job with its priority (graphile-worker takes the lowest number first, then the earliest due): how many
 * executions of the same workspace created before this one are queued or running at that moment (earlier ones only,
 * so a burst of launches whose jobs are added in another order still gets 0, 1, 2…). A workspace's first execution thus
 * goes ahead of another's 50th, so one workspace flooding the queue cannot hold every worker's slots while the
 * others wait; counted in the statement that adds the job (on the (workspaceId, status) index), up to the largest
 * priority graphile-worker stores (a smallint). A job handed back from a dead or stopping worker keeps its priority;
 * while a job waits, the workers lower it as the executions ahead of it end (job-priorities.ts).
 */
const ADD_JOB_SQL = `
  SELECT graphile_worker.add_job(
    identifier => $1::text, payload => $2::json, run_at => $3::timestamptz, max_attempts => $4::int, job_key => $5::text,
    priority => (SELECT count(*)::int FROM (
      SELECT 1 FROM "Execution" e JOIN "Execution" me ON me.id = $6 AND e."workspaceId" = me."workspaceId"
       WHERE e.status IN ('queued', 'running') AND (e."createdAt", e.id) < (me."createdAt", me.id)
       LIMIT 32767) AS load))`;

/**
 * Queues the job, to run at once or at `runAt`: one job per execution, keyed by its id, and one per block it waits
 * at by time, keyed `<execution id>:wake:<block id>` (so the key's first part always names the execution). A wake-up's
 * priority is its workspace's load when the wait began, not when it comes due.
 */
export async function enqueueExecution(job: QueuedExecution, runAt?: Date): Promise<void> {
  const utils = await workerUtils();
  const jobKey = job.wake ? `${job.executionId}:wake:${job.wake}` : job.executionId;
  await utils.withPgClient((client) =>
    client.query(ADD_JOB_SQL, [EXECUTION_TASK, JSON.stringify(job), runAt?.toISOString() ?? null, MAX_ATTEMPTS, jobKey, job.executionId]),
  );
}

/**
 * Removes the waiting jobs of an execution that has ended (its own and its wake-ups), so that they no longer count
 * in queue positions nor wake a worker for nothing. A job a worker holds finishes by itself.
 */
export async function removeWaitingJobsOf(executionId: string): Promise<void> {
  const utils = await workerUtils();
  await utils.withPgClient((client) =>
    client.query(
      `SELECT graphile_worker.remove_job(key) FROM graphile_worker.jobs
        WHERE (key = $1 OR starts_with(key, $1 || ':')) AND task_identifier = $2 AND locked_at IS NULL`,
      [executionId, EXECUTION_TASK],
    ),
  );
}
