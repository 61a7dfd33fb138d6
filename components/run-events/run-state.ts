import type { ExecutionStatus } from '@/lib/execution-states';
import type { BlockRunStatus } from './block-statuses';
import type { RunEvent } from './stream';

// What an execution's stream has said so far, for the editor's run panel and canvas and for the execution page
// alike. Pure, so replays, duplicates and odd orders are easy to test: an event at or below `lastSeq` is a replay
// after a reconnect and is ignored, so nothing is counted twice.

/** One console line of a block, live from the stream or from its block log. */
export interface ConsoleLine {
  level: string;
  message: string;
  /** ISO-8601; for a live line without its own time, when it arrived. */
  at: string;
}

export type { BlockRunStatus };

export interface BlockRunState {
  /** `pending` until the stream mentions the block (only blocks the run was started with wait like this). */
  status: BlockRunStatus;
  type: string | null;
  /** Streamed text (LLM tokens) so far: the tail of it, for very long answers. */
  chunks: string;
  console: ConsoleLine[];
  output?: unknown;
  error?: { message: string; code: string };
  durationMs?: number;
  /** Inside a loop: the same, per iteration, keyed by the iteration path (`2`, or `1.0` in nested loops). */
  iterations?: Record<string, Omit<BlockRunState, 'iterations'>>;
}

/** `starting` until the stream says the execution began; then as the execution's own status. */
export type RunStatus = 'starting' | Exclude<ExecutionStatus, 'queued'>;

export interface RunError {
  message: string;
  code: string;
  blockId: string | null;
}

export interface RunState {
  executionId: string | null;
  status: RunStatus;
  blocks: Record<string, BlockRunState>;
  /** The order blocks were first heard of in. */
  order: string[];
  output?: unknown;
  error: RunError | null;
  durationMs?: number;
  /** The highest SSE event id applied. */
  lastSeq: number;
  /** Wall-clock ms when following began: the duration until the stream reports one. */
  startedAt: number;
}

const MAX_CHUNK_TEXT = 100_000;
/** Above the engine's own cap per block, so it only guards the page's memory. */
const MAX_CONSOLE_LINES = 2_000;

/** A fresh run: each of `blockIds` waits (grey) until the stream says otherwise. */
export function startRun(blockIds: readonly string[], executionId: string | null = null, startedAt = Date.now()): RunState {
  const blocks: Record<string, BlockRunState> = {};
  for (const id of blockIds) blocks[id] = emptyBlock(null);
  return { executionId, status: 'starting', blocks, order: [], lastSeq: 0, startedAt, error: null };
}

function emptyBlock(type: string | null): BlockRunState {
  return { status: 'pending', type, chunks: '', console: [] };
}

/** The key of the loop iteration an event happened in, or null outside loops. */
function iterationKey(event: RunEvent): string | null {
  if (!('block_id' in event) || event.type === 'error') return null;
  if (event.iteration_path?.length) return event.iteration_path.join('.');
  return event.iteration === undefined ? null : String(event.iteration);
}

/** Applies `change` to the block and, for an event inside a loop, to that iteration's own entry too. */
function updateBlock(run: RunState, id: string, type: string | null, change: (block: BlockRunState) => BlockRunState, iteration: string | null = null): RunState {
  const current = run.blocks[id] ?? emptyBlock(type);
  const order = run.order.includes(id) ? run.order : [...run.order, id];
  const next = change({ ...current, type: current.type ?? type });
  if (iteration !== null) {
    const own: Omit<BlockRunState, 'iterations'> = change({ ...emptyBlock(next.type), ...current.iterations?.[iteration] });
    next.iterations = { ...current.iterations, [iteration]: own };
  }
  return { ...run, order, blocks: { ...run.blocks, [id]: next } };
}

/**
 * Applies one event. `seq` is its SSE id (null for an event made up from the record); `receivedAt` when it
 * arrived, the time of a console line that carries none and of an end that reports no duration.
 */
export function applyRunEvent(run: RunState, event: RunEvent, seq: number | null, receivedAt = Date.now()): RunState {
  if (seq !== null) {
    if (seq <= run.lastSeq) return run;
    run = { ...run, lastSeq: seq };
  }
  switch (event.type) {
    case 'execution_start':
      return { ...run, status: 'running' };
    case 'block_start':
      return updateBlock({ ...run, status: 'running' }, event.block_id, event.block_type, (block) => ({ ...block, status: 'running' }), iterationKey(event));
    case 'block_chunk':
      return updateBlock(run, event.block_id, event.block_type, (block) => ({ ...block, chunks: (block.chunks + event.chunk).slice(-MAX_CHUNK_TEXT) }), iterationKey(event));
    case 'block_log': {
      const line: ConsoleLine = { level: event.level, message: event.message, at: event.at ?? new Date(receivedAt).toISOString() };
      return updateBlock(run, event.block_id, event.block_type, (block) => ({ ...block, console: [...block.console, line].slice(-MAX_CONSOLE_LINES) }), iterationKey(event));
    }
    case 'block_complete':
      return updateBlock(run, event.block_id, event.block_type, (block) => ({ ...block, status: 'success', output: event.data.output, durationMs: event.duration_ms }), iterationKey(event));
    case 'block_error':
      return updateBlock(run, event.block_id, event.block_type, (block) => ({ ...block, status: 'error', error: event.data.error, durationMs: event.duration_ms }), iterationKey(event));
    case 'block_skipped':
      return updateBlock(run, event.block_id, event.block_type, (block) => ({ ...block, status: 'skipped' }), iterationKey(event));
    case 'block_waiting':
      return updateBlock({ ...run, status: 'waiting' }, event.block_id, event.block_type, (block) => ({ ...block, status: 'running' }), iterationKey(event));
    case 'done': {
      const status = event.status === 'failed' || event.status === 'cancelled' ? event.status : 'completed';
      return settle({ ...run, status, output: event.output, durationMs: event.duration_ms ?? receivedAt - run.startedAt });
    }
    case 'error': {
      const status = event.code === 'cancelled' || /cancel/i.test(event.error) ? 'cancelled' : 'failed';
      const error: RunError = { message: event.error || 'The execution failed', code: event.code, blockId: event.block_id };
      let next: RunState = { ...run, status, error, durationMs: run.durationMs ?? receivedAt - run.startedAt };
      const failed = event.block_id ? next.blocks[event.block_id] : undefined;
      if (event.block_id && failed && failed.status !== 'error') {
        next = updateBlock(next, event.block_id, null, (block) => ({ ...block, status: 'error', error: { message: error.message, code: error.code } }));
      }
      return settle(next);
    }
  }
}

/**
 * At the end, blocks that never started did not run (skipped rather than waiting forever), and blocks still
 * running were stopped by the end (code `cancelled`).
 */
function settle(run: RunState): RunState {
  let changed = false;
  const blocks: Record<string, BlockRunState> = {};
  for (const [id, block] of Object.entries(run.blocks)) {
    if (block.status === 'pending') {
      changed = true;
      blocks[id] = { ...block, status: 'skipped' };
    } else if (block.status === 'running') {
      changed = true;
      blocks[id] = { ...block, status: 'error', error: { message: run.status === 'cancelled' ? 'Cancelled' : 'Stopped before it finished', code: 'cancelled' } };
    } else blocks[id] = block;
  }
  return changed ? { ...run, blocks } : run;
}

/** Whether the run has not ended yet (the stream may still change it). */
export function isRunActive(run: RunState | null): boolean {
  return run !== null && endedStatus(run) === null;
}

/** How the run ended, or null while it has not. */
export function endedStatus(run: RunState): Exclude<RunStatus, 'starting' | 'running'> | null {
  return run.status === 'starting' || run.status === 'running' ? null : run.status;
}

/** The last non-empty line of streamed text, for the running node. */
export function lastLine(text: string): string {
  const lines = text.split('\n');
  for (let index = lines.length - 1; index >= 0; index--) if (lines[index].trim() !== '') return lines[index].trim();
  return '';
}
