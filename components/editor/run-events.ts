import type { StreamEvent } from '@/components/run-events/stream';
import type { BlockRunState, BlockRunStatus, RunState } from './types';

// How the events of an execution's stream (API.md "Stream events") change what the canvas and the run panel show.
// Pure, so replays, duplicates and odd orders are easy to test.

/** A fresh run: every block waits (grey) until the stream says otherwise. */
export function startRun(blockIds: readonly string[]): RunState {
  const blocks: Record<string, BlockRunState> = {};
  for (const id of blockIds) blocks[id] = { status: 'pending', chunks: '', logs: [] };
  return { executionId: null, status: 'starting', blocks, order: [], lastSeq: 0, startedAt: Date.now(), error: null };
}

const MAX_CHUNK_TEXT = 64_000;
const MAX_LOG_LINES = 500;

function updateBlock(run: RunState, id: string, change: (block: BlockRunState) => BlockRunState): RunState {
  const current = run.blocks[id] ?? { status: 'pending' as BlockRunStatus, chunks: '', logs: [] };
  const order = run.order.includes(id) ? run.order : [...run.order, id];
  return { ...run, order, blocks: { ...run.blocks, [id]: change(current) } };
}

function errorText(error: unknown): string {
  if (typeof error === 'string') return error;
  if (error && typeof error === 'object' && 'message' in error && typeof error.message === 'string') return error.message;
  return 'The block failed';
}

/**
 * Applies one event. `seq` is the SSE event id: an event at or below the last one applied is a replay after a
 * reconnect and is ignored, so nothing is counted twice.
 */
export function applyRunEvent(run: RunState, event: StreamEvent, seq: number | null): RunState {
  if (seq !== null) {
    if (seq <= run.lastSeq) return run;
    run = { ...run, lastSeq: seq };
  }
  const id = event.block_id ?? null;
  switch (event.type) {
    case 'execution_start':
      return { ...run, status: 'running' };
    case 'block_start':
      return id ? updateBlock({ ...run, status: 'running' }, id, (block) => ({ ...block, status: 'running' })) : run;
    case 'block_chunk':
      return id
        ? updateBlock(run, id, (block) => ({ ...block, chunks: (block.chunks + (event.chunk ?? '')).slice(-MAX_CHUNK_TEXT) }))
        : run;
    case 'block_log':
      return id
        ? updateBlock(run, id, (block) => ({
            ...block,
            logs: [...block.logs, { level: event.level ?? 'log', message: event.message ?? '' }].slice(-MAX_LOG_LINES),
          }))
        : run;
    case 'block_complete':
      return id
        ? updateBlock(run, id, (block) => ({ ...block, status: 'success', output: event.data?.output, durationMs: event.duration_ms }))
        : run;
    case 'block_error':
      return id
        ? updateBlock(run, id, (block) => ({ ...block, status: 'error', error: errorText(event.data?.error), durationMs: event.duration_ms }))
        : run;
    case 'block_skipped':
      return id ? updateBlock(run, id, (block) => ({ ...block, status: 'skipped' })) : run;
    case 'done': {
      const status = event.status === 'failed' ? 'failed' : event.status === 'cancelled' ? 'cancelled' : 'completed';
      return settle({ ...run, status, output: event.output, durationMs: event.duration_ms ?? Date.now() - run.startedAt });
    }
    case 'error': {
      const status = event.code === 'cancelled' || /cancel/i.test(event.error ?? '') ? 'cancelled' : 'failed';
      let next: RunState = { ...run, status, error: event.error ?? 'The execution failed', durationMs: run.durationMs ?? Date.now() - run.startedAt };
      if (id && next.blocks[id] && next.blocks[id].status !== 'error') {
        next = updateBlock(next, id, (block) => ({ ...block, status: 'error', error: block.error ?? event.error }));
      }
      return settle(next);
    }
    default:
      return run;
  }
}

/** At the end, blocks that never started did not run: show them as skipped rather than waiting forever. */
function settle(run: RunState): RunState {
  let changed = false;
  const blocks: Record<string, BlockRunState> = {};
  for (const [id, block] of Object.entries(run.blocks)) {
    if (block.status === 'pending') {
      changed = true;
      blocks[id] = { ...block, status: 'skipped' };
    } else if (block.status === 'running') {
      changed = true;
      blocks[id] = { ...block, status: 'error', error: run.status === 'cancelled' ? 'Cancelled' : 'Stopped before it finished' };
    } else blocks[id] = block;
  }
  return changed ? { ...run, blocks } : run;
}

export function isRunActive(run: RunState | null): boolean {
  return run !== null && (run.status === 'starting' || run.status === 'running');
}

/** The last non-empty line of streamed text, for the running node. */
export function lastLine(text: string): string {
  const lines = text.split('\n');
  for (let index = lines.length - 1; index >= 0; index--) if (lines[index].trim() !== '') return lines[index].trim();
  return '';
}
