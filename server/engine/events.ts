import type { ExecutionStatus } from '@/lib/execution-states';
import type { ConsoleLevel } from '../sandbox/console';

// The events of an execution, exactly as ../shared/API.md names them. Every event carries the execution id and,
// once published, a sequence number that increases by one per event within the execution (the SSE `id`).

export interface ExecutionErrorInfo {
  message: string;
  block_id: string | null;
  code: string;
}

export type EngineEventBody =
  | { type: 'execution_start'; workflow_id: string; started_at: string }
  | { type: 'block_start'; block_id: string; block_type: string }
  | { type: 'block_chunk'; block_id: string; block_type: string; chunk: string }
  | { type: 'block_log'; block_id: string; block_type: string; level: ConsoleLevel; message: string }
  | { type: 'block_complete'; block_id: string; block_type: string; data: { output: unknown }; duration_ms: number }
  | { type: 'block_error'; block_id: string; block_type: string; data: { error: { message: string; code: string } }; duration_ms: number }
  | { type: 'block_skipped'; block_id: string; block_type: string }
  | { type: 'done'; status: ExecutionStatus; output: unknown; duration_ms: number }
  | { type: 'error'; error: string; code: string; block_id: string | null };

/** As published: numbered, stamped with the time it happened (`at`, ISO-8601), and tied to its execution. */
export type EngineEvent = EngineEventBody & { execution_id: string; at: string; seq: number };

export const TERMINAL_EVENT_TYPES = new Set(['done', 'error']);

export function isTerminalEvent(event: { type: string }): boolean {
  return TERMINAL_EVENT_TYPES.has(event.type);
}
