import { getDatabase } from '../../db';
import { endChannel, openChannel, subscribe } from '../../engine/event-hub';
import type { ExecutionOutcome } from '../../engine/record-batch';
import type { StopReason } from '../../engine/run-graph';
import { cancelElsewhere } from '../../queue/remote-cancel';
import { CANCEL_EXECUTION, holdRunnerLock, listen } from '../../queue/signals';
import { runExecution, type ExecutionJob } from './run';
import type { ExecutionRuntime } from './runtime';

// The in-process runtime: each execution runs on this process's event loop (a web server's, or a worker's for the
// jobs it took), its live events stay in this process's memory (the event hub) and cancelling aborts its
// controller, whichever process the cancel came from (PostgreSQL notifications).

interface RunningExecution {
  controller: AbortController;
  done: Promise<ExecutionOutcome | null>;
}

// On globalThis so that a module reloaded in development still reaches the executions already running.
const globalForRuntime = globalThis as unknown as { weftActiveExecutions?: Map<string, RunningExecution>; weftCancelListener?: Promise<unknown> };
const running: Map<string, RunningExecution> = (globalForRuntime.weftActiveExecutions ??= new Map());

/**
 * Cancel commands of other processes reach the executions this one runs, and they can tell this process is alive
 * (no-ops on the embedded database).
 */
function listenForCancels(): Promise<unknown> {
  globalForRuntime.weftCancelListener ??= listen(CANCEL_EXECUTION, (payload) => {
    const { id, code, message } = JSON.parse(payload) as { id: string } & StopReason;
    running.get(id)?.controller.abort({ code, message } satisfies StopReason);
  }).then(() => holdRunnerLock({ worker: false })).catch((error: Error) => {
    globalForRuntime.weftCancelListener = undefined;
    console.error('[weft] cannot listen for cancel commands:', error.message);
  });
  return globalForRuntime.weftCancelListener;
}

/**
 * On the embedded database, resolves on the event loop's next turn: a run starts there, after whoever launched it
 * has had its turn. PGlite's queries are synchronous work on this thread and their promises chain without a pause,
 * so a run started at once held the thread until its first batch was written, and a request answering with a
 * stream of the run's events (execute/stream) only got its answer out after that. On PostgreSQL a query is I/O: the
 * run starts at once and the database works while this process answers (bench/PROFILE.md, fourth round).
 */
async function startTurn(): Promise<void> {
  if ((await getDatabase()).kind === 'pglite') await new Promise<void>((resolve) => setImmediate(resolve));
}

export const inlineRuntime: ExecutionRuntime = {
  mode: 'inline',

  launch(job: ExecutionJob): Promise<ExecutionOutcome | null> {
    const controller = new AbortController();
    openChannel(job.executionId);
    const cap = setTimeout(() => {
      const reason: StopReason = { code: 'execution_timeout', message: `The execution took longer than its limit of ${job.capMs} ms` };
      controller.abort(reason);
    }, job.capMs);
    const done = listenForCancels()
      .then(startTurn)
      .then(() => runExecution(job, controller.signal))
      .finally(() => {
        clearTimeout(cap);
        endChannel(job.executionId);
        running.delete(job.executionId);
      });
    running.set(job.executionId, { controller, done });
    return done;
  },

  async cancel(executionId: string, reason: StopReason): Promise<void> {
    const execution = running.get(executionId);
    if (execution) {
      execution.controller.abort(reason);
      await execution.done;
      return;
    }
    await cancelElsewhere(executionId, reason);
  },

  subscribe: (executionId, afterSeq, listener) => subscribe(executionId, afterSeq, listener),

  isRunning: (executionId) => running.has(executionId),
};
