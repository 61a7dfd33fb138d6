import type { EngineEvent } from '../../engine/events';
import type { StopReason } from '../../engine/run-graph';
import { inlineRuntime } from './inline-runtime';
import type { ExecutionJob } from './run';

// How an execution runs once its row exists: started, stopped, followed live and awaited. Services and routes go
// through this one entry point and never hold engine state themselves, so another way of running executions (a
// queue with workers) can stand in for the in-process one behind the same calls.

interface LiveEvents {
  unsubscribe(): void;
  /** No more events will come (the ones so far have been delivered). */
  ended: boolean;
}

export interface ExecutionRuntime {
  /** Runs a created execution; the promise settles once it has ended and its record is complete. */
  launch(job: ExecutionJob): Promise<void>;
  /**
   * Stops an execution that has not ended and settles once it is recorded as ended: running ones are aborted
   * (their running blocks stop), ones nothing here runs are recorded as ended directly.
   */
  cancel(executionId: string, reason: StopReason): Promise<void>;
  /** Replays the events after `afterSeq`, then delivers new ones; null when this runtime does not hold them live. */
  subscribe(executionId: string, afterSeq: number, listener: (event: EngineEvent) => void): LiveEvents | null;
  /** Whether this runtime is running the execution right now (so it is no orphan of a crash). */
  isRunning(executionId: string): boolean;
}

/** The runtime this server uses: executions run inside this process (a function, so import cycles stay harmless). */
export function executionRuntime(): ExecutionRuntime {
  return inlineRuntime;
}
