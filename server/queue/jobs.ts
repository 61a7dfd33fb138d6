import { makeWorkerUtils, type WorkerUtils } from 'graphile-worker';
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

const globalForJobs = globalThis as unknown as { weftWorkerUtils?: Promise<WorkerUtils> };

/** The queue's schema, migrated on first use in this process. */
export function workerUtils(): Promise<WorkerUtils> {
  globalForJobs.weftWorkerUtils ??= (async () => {
    const database = await getDatabase();
    if (database.kind !== 'postgres' || !database.url) throw new Error('The execution queue needs PostgreSQL (DATABASE_URL)');
    const utils = await makeWorkerUtils({ connectionString: database.url });
    await utils.migrate();
    return utils;
  })();
  globalForJobs.weftWorkerUtils.catch(() => (globalForJobs.weftWorkerUtils = undefined));
  return globalForJobs.weftWorkerUtils;
}

closeWithDatabase(async () => {
  const utils = globalForJobs.weftWorkerUtils;
  globalForJobs.weftWorkerUtils = undefined;
  if (utils) await (await utils.catch(() => null))?.release();
});

/**
 * Queues the job, to run at once or at `runAt`: one job per execution, keyed by its id, and one per block it waits
 * at by time, keyed `<execution id>:wake:<block id>` (so the key's first part always names the execution).
 */
export async function enqueueExecution(job: QueuedExecution, runAt?: Date): Promise<void> {
  const utils = await workerUtils();
  const jobKey = job.wake ? `${job.executionId}:wake:${job.wake}` : job.executionId;
  await utils.addJob(EXECUTION_TASK, job, { jobKey, runAt, maxAttempts: MAX_ATTEMPTS });
}
