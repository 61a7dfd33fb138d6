import type { EngineEvent } from '../../engine/events';
import type { ExecutionOutcome } from '../../engine/record-batch';
import type { StopReason } from '../../engine/run-graph';
import { env } from '../../env';
import { queueRuntime } from '../../queue/queue-runtime';
import { inlineRuntime } from './inline-runtime';
import type { ExecutionJob } from './run';

// How an execution runs once its row exists: started, stopped, followed live and awaited. Services and routes go
// through this one entry point and never hold engine state themselves: `inline` runs executions in the process
// that starts them, `queue` (WEFT_EXECUTION_MODE=queue) hands them to worker processes through PostgreSQL.

interface LiveEvents {
  unsubscribe(): void;
  /** No more events will come (the ones so far have been delivered). */
  ended: boolean;
}

export interface ExecutionRuntime {
  readonly mode: 'inline' | 'queue';
  /**
   * Runs a created execution (a `queued` row in queue mode, `running` inline); the promise settles once it has
   * ended and its record is complete, with the outcome this process wrote to the row (null when it wrote none:
   * another process ran it, or it was cancelled meanwhile). `job.resume` continues one an earlier attempt began.
   */
  launch(job: ExecutionJob): Promise<ExecutionOutcome | null>;
  /**
   * Stops an execution that has not ended and settles once it is recorded as ended: ones running here are aborted
   * (their running blocks stop), ones another process runs are told to stop (PostgreSQL notification), queued ones
   * and ones whose process is gone are recorded as ended directly.
   */
  cancel(executionId: string, reason: StopReason): Promise<void>;
  /** Replays the events after `afterSeq`, then delivers new ones; null when this runtime does not hold them live. */
  subscribe(executionId: string, afterSeq: number, listener: (event: EngineEvent) => void): LiveEvents | null;
  /** Whether this runtime is running the execution right now (so it is no orphan of a crash). */
  isRunning(executionId: string): boolean;
}

// A worker process runs the jobs it takes in its own process: it is the inline runtime for them and for the
// executions they start (workflows an agent calls are part of the calling run).
const globalForRuntime = globalThis as unknown as { weftIsWorker?: boolean };

export function becomeWorker(): void {
  globalForRuntime.weftIsWorker = true;
}

/** The runtime of this process (a function, so import cycles stay harmless). */
export function executionRuntime(): ExecutionRuntime {
  return env().WEFT_EXECUTION_MODE === 'queue' && !globalForRuntime.weftIsWorker ? queueRuntime : inlineRuntime;
}
