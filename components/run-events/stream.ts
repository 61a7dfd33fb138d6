// The wire format of an execution's event stream (API.md "Stream events"), shared by the editor's run panel and the
// executions pages: the event names to listen for, the shape of an event, the stream's URL and reading a message.
// What each side does with the events (its own state) stays with it.

export const STREAM_EVENT_TYPES = [
  'execution_start',
  'block_start',
  'block_chunk',
  'block_log',
  'block_complete',
  'block_error',
  'block_skipped',
  'done',
  'error',
] as const;

export type StreamEventType = (typeof STREAM_EVENT_TYPES)[number];

export interface StreamEvent {
  type: StreamEventType;
  execution_id?: string;
  block_id?: string | null;
  block_type?: string;
  chunk?: string;
  level?: string;
  message?: string;
  data?: { output?: unknown; error?: { message?: string; code?: string } | string };
  duration_ms?: number;
  status?: string;
  output?: unknown;
  error?: string;
  code?: string;
  started_at?: string;
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
export function readStreamMessage(message: MessageEvent): { event: StreamEvent; seq: number | null } | null {
  let event: StreamEvent;
  try {
    event = JSON.parse(message.data as string) as StreamEvent;
  } catch {
    return null;
  }
  const seq = message.lastEventId ? Number(message.lastEventId) : null;
  return { event, seq: seq !== null && Number.isFinite(seq) ? seq : null };
}
