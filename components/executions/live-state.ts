import type { StreamEvent } from '@/components/run-events/stream';
import type { ExecutionStatus } from './types';

// What the live stream of an execution (API.md "Stream events") has said so far. Pure, so a replay after a
// reconnect, a duplicate or an odd order cannot count anything twice: events at or below `lastSeq` are ignored.

export interface ConsoleLine {
  level: string;
  message: string;
  at: string;
}

export interface LiveBlock {
  status: 'running' | 'success' | 'error' | 'skipped';
  type: string | null;
  /** Streamed LLM text so far (the tail of it, for very long answers). */
  chunks: string;
  console: ConsoleLine[];
  output?: unknown;
  error?: { message: string; code: string } | null;
  durationMs?: number;
  /** Arrival order, for listing blocks the logs do not have yet. */
  order: number;
}

export interface LiveEnd {
  status: Extract<ExecutionStatus, 'completed' | 'failed' | 'cancelled'>;
  message?: string;
  code?: string;
  blockId?: string | null;
  durationMs?: number;
}

export interface LiveState {
  lastSeq: number;
  blocks: Record<string, LiveBlock>;
  ended: LiveEnd | null;
  events: number;
}

export const EMPTY_LIVE_STATE: LiveState = { lastSeq: 0, blocks: {}, ended: null, events: 0 };

const MAX_CHUNK_TEXT = 100_000;
const MAX_LIVE_CONSOLE = 5_000;

function blockError(error: unknown): { message: string; code: string } {
  if (typeof error === 'string') return { message: error, code: 'block_error' };
  if (error && typeof error === 'object') {
    const { message, code } = error as { message?: unknown; code?: unknown };
    return { message: typeof message === 'string' ? message : 'The block failed', code: typeof code === 'string' ? code : 'block_error' };
  }
  return { message: 'The block failed', code: 'block_error' };
}

function update(state: LiveState, id: string, type: string | null, change: (block: LiveBlock) => LiveBlock): LiveState {
  const current: LiveBlock = state.blocks[id] ?? { status: 'running', type, chunks: '', console: [], order: Object.keys(state.blocks).length };
  return { ...state, blocks: { ...state.blocks, [id]: change(current) } };
}

/** Applies one event; `seq` is its SSE id, `receivedAt` when it arrived (live console lines carry no time). */
export function applyStreamEvent(state: LiveState, event: StreamEvent, seq: number | null, receivedAt: number): LiveState {
  if (seq !== null && Number.isFinite(seq)) {
    if (seq <= state.lastSeq) return state;
    state = { ...state, lastSeq: seq };
  }
  state = { ...state, events: state.events + 1 };
  const id = event.block_id ?? null;
  const type = event.block_type ?? null;
  switch (event.type) {
    case 'block_start':
      return id ? update(state, id, type, (block) => ({ ...block, status: 'running' })) : state;
    case 'block_chunk':
      return id ? update(state, id, type, (block) => ({ ...block, chunks: (block.chunks + (event.chunk ?? '')).slice(-MAX_CHUNK_TEXT) })) : state;
    case 'block_log':
      return id
        ? update(state, id, type, (block) => ({
            ...block,
            console: [...block.console, { level: event.level ?? 'log', message: event.message ?? '', at: new Date(receivedAt).toISOString() }].slice(-MAX_LIVE_CONSOLE),
          }))
        : state;
    case 'block_complete':
      return id ? update(state, id, type, (block) => ({ ...block, status: 'success', output: event.data?.output, durationMs: event.duration_ms })) : state;
    case 'block_error':
      return id
        ? update(state, id, type, (block) => ({ ...block, status: 'error', error: blockError(event.data?.error), durationMs: event.duration_ms }))
        : state;
    case 'block_skipped':
      return id ? update(state, id, type, (block) => ({ ...block, status: 'skipped' })) : state;
    case 'done': {
      const status = event.status === 'failed' || event.status === 'cancelled' ? event.status : 'completed';
      return { ...state, ended: { status, durationMs: event.duration_ms } };
    }
    case 'error': {
      const cancelled = event.code === 'cancelled';
      return { ...state, ended: { status: cancelled ? 'cancelled' : 'failed', message: event.error, code: event.code, blockId: event.block_id ?? null } };
    }
    default:
      return state;
  }
}

export function isTerminal(type: string): boolean {
  return type === 'done' || type === 'error';
}
