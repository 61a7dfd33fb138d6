import type { EngineEvent, EngineEventBody } from '@/server/engine/events';

// The wire format of an execution's event stream (API.md "Stream events"), typed from the engine's own events:
// the event names to listen for, the stream's URL and reading a message. Types only come from server/.

/** Every event name the stream sends; the check below fails to compile if the engine gains one not listed here. */
export const STREAM_EVENT_TYPES = [
  'execution_start',
  'block_start',
  'block_chunk',
  'block_log',
  'block_complete',
  'block_error',
  'block_skipped',
  'block_waiting',
  'done',
  'error',
] as const satisfies readonly EngineEvent['type'][];

type Missing = Exclude<EngineEvent['type'], (typeof STREAM_EVENT_TYPES)[number]>;
const everyEventListed: [Missing] extends [never] ? true : Missing = true;
void everyEventListed;

/**
 * An event as the run state reads it: from the stream (numbered and stamped with `at`), or made up here from the
 * execution record when the stream can no longer tell (no number, no time).
 */
export type RunEvent = EngineEventBody & { execution_id?: string; at?: string };

export function isTerminalEvent(event: Pick<RunEvent, 'type'>): boolean {
  return event.type === 'done' || event.type === 'error';
}

/**
 * The stream's URL (same origin, so the session cookie goes along). A fresh EventSource cannot be given a
 * Last-Event-ID header, so after `lastSeq` the server reads it from the query.
 */
export function executionStreamUrl(workflowId: string, executionId: string, lastSeq: number): string {
  const base = `/api/workflows/${encodeURIComponent(workflowId)}/executions/${encodeURIComponent(executionId)}/stream`;
  return lastSeq > 0 ? `${base}?last_event_id=${lastSeq}` : base;
}

/** An SSE message's event and its sequence number (the SSE id; null when missing or not a number); null if unreadable. */
export function readStreamMessage(message: MessageEvent): { event: RunEvent; seq: number | null } | null {
  let event: RunEvent;
  try {
    event = JSON.parse(message.data as string) as RunEvent;
  } catch {
    return null;
  }
  if (!event || typeof event !== 'object' || typeof event.type !== 'string') return null;
  const seq = message.lastEventId ? Number(message.lastEventId) : null;
  return { event, seq: seq !== null && Number.isFinite(seq) ? seq : null };
}
