'use client';

import { useEffect, useReducer, useRef, useState } from 'react';
import { executionStreamUrl, readStreamMessage, STREAM_EVENT_TYPES, type StreamEvent } from '@/components/run-events/stream';
import { applyStreamEvent, EMPTY_LIVE_STATE, isTerminal, type LiveState } from './live-state';

/**
 * `connecting` until the stream opens; `live` while it delivers; `reconnecting` after a network drop (EventSource
 * retries by itself and sends Last-Event-ID, so nothing is missed or repeated); `ended` once the execution's last
 * event arrived; `failed` when the server refused the stream (we try again a little later).
 */
export type StreamConnection = 'idle' | 'connecting' | 'live' | 'reconnecting' | 'ended' | 'failed';

type Action = { type: 'event'; event: StreamEvent; seq: number | null; at: number } | { type: 'reset' };

function reducer(state: LiveState, action: Action): LiveState {
  if (action.type === 'reset') return EMPTY_LIVE_STATE;
  return applyStreamEvent(state, action.event, action.seq, action.at);
}

export interface StreamCallbacks {
  /** A block finished (its log is being written): a good moment to refetch the logs. */
  onBlockSettled?: () => void;
  /** The execution ended: refetch the final record. */
  onEnd?: () => void;
}

const RETRY_MS = [1_000, 2_000, 5_000, 10_000];

/** Follows an execution's event stream while `enabled`, folding the events into a live state. */
export function useExecutionStream(workflowId: string, executionId: string, enabled: boolean, callbacks: StreamCallbacks) {
  const [state, dispatch] = useReducer(reducer, EMPTY_LIVE_STATE);
  const [connection, setConnection] = useState<StreamConnection>('idle');
  const callbacksRef = useRef(callbacks);
  const lastSeqRef = useRef(0);
  useEffect(() => {
    callbacksRef.current = callbacks;
  });

  useEffect(() => {
    if (!enabled) return;
    let source: EventSource | null = null;
    let retryTimer: ReturnType<typeof setTimeout> | null = null;
    let attempts = 0;
    let finished = false;

    const onMessage = (message: MessageEvent<string>) => {
      const read = readStreamMessage(message);
      if (!read) return;
      const { event, seq } = read;
      if (seq !== null) {
        if (seq <= lastSeqRef.current) return;
        lastSeqRef.current = seq;
      }
      dispatch({ type: 'event', event, seq, at: Date.now() });
      if (event.type === 'block_complete' || event.type === 'block_error' || event.type === 'block_skipped') callbacksRef.current.onBlockSettled?.();
      if (isTerminal(event.type)) {
        finished = true;
        source?.close();
        setConnection('ended');
        callbacksRef.current.onEnd?.();
      }
    };

    const connect = () => {
      setConnection(attempts === 0 ? 'connecting' : 'reconnecting');
      const current = new EventSource(executionStreamUrl(workflowId, executionId, lastSeqRef.current));
      source = current;
      current.onopen = () => {
        attempts = 0;
        setConnection('live');
      };
      for (const type of STREAM_EVENT_TYPES) {
        if (type !== 'error') current.addEventListener(type, onMessage as EventListener);
      }
      // `error` is both the execution's own event (a MessageEvent with data) and the connection's trouble.
      current.addEventListener('error', (event) => {
        if (event instanceof MessageEvent && typeof event.data === 'string' && event.data) {
          onMessage(event as MessageEvent<string>);
          return;
        }
        if (finished) return;
        if (current.readyState === EventSource.CLOSED) {
          // Refused (or the server closed without an end): EventSource gives up, so try again ourselves.
          setConnection('failed');
          const delay = RETRY_MS[Math.min(attempts, RETRY_MS.length - 1)];
          attempts += 1;
          retryTimer = setTimeout(connect, delay);
        } else {
          setConnection('reconnecting');
        }
      });
    };

    connect();
    return () => {
      finished = true;
      source?.close();
      if (retryTimer) clearTimeout(retryTimer);
    };
  }, [enabled, workflowId, executionId]);

  return { live: state, connection: enabled || connection === 'ended' ? connection : 'idle' };
}
