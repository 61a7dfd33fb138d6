'use client';

import { useReducer } from 'react';
import { applyRunEvent, startRun, type RunState } from '@/components/run-events/run-state';
import { isTerminalEvent, type RunEvent } from '@/components/run-events/stream';
import { useRunStream } from '@/components/run-events/use-run-stream';

// The execution page's live view: the run's stream folded into a run state of its own, with the moments the page
// should refetch its records.

export interface LiveRunCallbacks {
  /** A block finished (its log is being written): a good moment to refetch the logs. */
  onBlockSettled(): void;
  /** The execution ended, or the stream was lost: refetch the records. */
  onEnd(): void;
}

interface Received {
  event: RunEvent;
  seq: number | null;
  receivedAt: number;
}

function fold(run: RunState, { event, seq, receivedAt }: Received): RunState {
  return applyRunEvent(run, event, seq, receivedAt);
}

const SETTLING = new Set<RunEvent['type']>(['block_complete', 'block_error', 'block_skipped']);

export function useLiveRun(workflowId: string, executionId: string, enabled: boolean, callbacks: LiveRunCallbacks) {
  const [live, dispatch] = useReducer(fold, executionId, (id) => startRun([], id));
  const connection = useRunStream({
    workflowId,
    executionId,
    enabled,
    onEvent(event, seq, receivedAt) {
      dispatch({ event, seq, receivedAt });
      if (SETTLING.has(event.type)) callbacks.onBlockSettled();
      if (isTerminalEvent(event)) callbacks.onEnd();
    },
    onLost: callbacks.onEnd,
  });
  return { live, connection };
}
