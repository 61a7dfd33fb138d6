import type { ExecutionRuntime } from '../services/executions/runtime';
import { endExecution } from '../services/executions/recovery';
import { enqueueExecution, removeWaitingJobsOf } from './jobs';
import { cancelElsewhere } from './remote-cancel';
import { executionEnd } from './wait';

// Queue mode (WEFT_EXECUTION_MODE=queue): a web process runs nothing itself. Launching enqueues a job that a
// worker (`npm run worker`) takes; the worker persists events and notifies, so streams read them from the
// database (same ids as inline), waiters wake when the row ends, and cancel is a command to the worker.

export const queueRuntime: ExecutionRuntime = {
  mode: 'queue',

  async launch(job) {
    try {
      await enqueueExecution({ executionId: job.executionId, capMs: job.capMs, depth: job.depth, resume: job.resume });
    } catch (error) {
      console.error(`[weft] could not queue execution ${job.executionId}:`, (error as Error).message);
      await endExecution(job.executionId, { status: 'failed', error: { message: 'The execution could not be queued', code: 'internal_error' } });
      return null;
    }
    // Like the inline runtime's, this promise never rejects: a waiter losing the database answers with the row as it is.
    await executionEnd(job.executionId).catch((error: Error) => console.error(`[weft] lost track of execution ${job.executionId}:`, error.message));
    // The worker wrote the outcome; waiters read the row.
    return null;
  },

  async cancel(executionId, reason) {
    await cancelElsewhere(executionId, reason);
    // Housekeeping only: the execution is cancelled either way, and a worker that takes a job left behind finds it ended.
    await removeWaitingJobsOf(executionId).catch((error: Error) => console.error(`[weft] could not remove the jobs of cancelled execution ${executionId}:`, error.message));
  },

  // Live events are the worker's; streams follow the database, woken by its notifications.
  subscribe: () => null,

  isRunning: () => false,
};
