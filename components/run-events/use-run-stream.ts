'use client';

import { useEffect, useRef, useState } from 'react';
import { executionStreamUrl, isTerminalEvent, readStreamMessage, STREAM_EVENT_TYPES, type RunEvent } from './stream';

// Follows an execution's event stream: the editor's run and the execution page both read a run through this.
// EventSource reconnects by itself and sends Last-Event-ID; when it gives up (the server refused or closed without
// an end) we open it again after a pause, asking for what came after the last event seen. Either way nothing is
// missed or repeated. The stream stops at `done`/`error`; after MAX_FAILURES connection failures in a row with no
// event between them it stops and reports the connection lost, so the caller can read the record instead.

/**
 * `connecting` until the stream opens; `live` while it delivers; `reconnecting` after a drop; `ended` once the
 * execution's last event arrived; `lost` after too many failures in a row.
 */
export type StreamConnection = 'idle' | 'connecting' | 'live' | 'reconnecting' | 'ended' | 'lost';

export interface RunStreamOptions {
  workflowId: string;
  /** The execution to follow; nothing is followed while it is null or `enabled` is false. */
  executionId: string | null;
  enabled: boolean;
  /** Each new event once, in order: `seq` is its number, `receivedAt` when it arrived. */
  onEvent(event: RunEvent, seq: number | null, receivedAt: number): void;
  /** The stream could not be kept up: the execution's end has to be read from its record. */
  onLost?(): void;
}

const MAX_FAILURES = 6;
const RETRY_MS = [500, 1_000, 2_000, 5_000, 10_000];

export function useRunStream({ workflowId, executionId, enabled, onEvent, onLost }: RunStreamOptions): StreamConnection {
  const [connection, setConnection] = useState<StreamConnection>('idle');
  const callbacks = useRef({ onEvent, onLost });
  useEffect(() => {
    callbacks.current = { onEvent, onLost };
  });

  useEffect(() => {
    if (!enabled || !executionId) return;
    let source: EventSource | null = null;
    let retryTimer: ReturnType<typeof setTimeout> | null = null;
    let lastSeq = 0;
    let failures = 0;
    let stopped = false;

    const stop = (state: StreamConnection) => {
      stopped = true;
      source?.close();
      setConnection(state);
    };

    const onMessage = (message: MessageEvent) => {
      const read = readStreamMessage(message);
      if (!read || stopped) return;
      const { event, seq } = read;
      if (event.execution_id && event.execution_id !== executionId) return;
      if (seq !== null) {
        if (seq <= lastSeq) return;
        lastSeq = seq;
      }
      failures = 0;
      setConnection('live');
      callbacks.current.onEvent(event, seq, Date.now());
      if (isTerminalEvent(event)) stop('ended');
    };

    // `error` is both the execution's own event (a MessageEvent with data) and the connection's trouble.
    const onError = (current: EventSource) => (event: Event) => {
      if (event instanceof MessageEvent && typeof event.data === 'string' && event.data) return onMessage(event);
      if (stopped || current !== source) return;
      failures += 1;
      if (failures >= MAX_FAILURES) {
        stop('lost');
        callbacks.current.onLost?.();
      } else if (current.readyState === EventSource.CLOSED) {
        setConnection('reconnecting');
        retryTimer = setTimeout(open, RETRY_MS[Math.min(failures - 1, RETRY_MS.length - 1)]);
      } else {
        setConnection('reconnecting');
      }
    };

    const open = () => {
      if (stopped) return;
      if (failures === 0) setConnection('connecting');
      const current = new EventSource(executionStreamUrl(workflowId, executionId, lastSeq));
      source = current;
      current.onopen = () => setConnection('live');
      for (const type of STREAM_EVENT_TYPES) {
        current.addEventListener(type, type === 'error' ? onError(current) : (onMessage as EventListener));
      }
    };

    open();
    return () => {
      stopped = true;
      source?.close();
      if (retryTimer) clearTimeout(retryTimer);
    };
  }, [enabled, workflowId, executionId]);

  return enabled || connection === 'ended' || connection === 'lost' ? connection : 'idle';
}
