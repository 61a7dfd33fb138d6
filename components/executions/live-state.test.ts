import { describe, expect, it } from 'vitest';
import type { StreamEvent } from '@/components/run-events/stream';
import { applyStreamEvent, EMPTY_LIVE_STATE, type LiveState } from './live-state';

function play(events: Array<[number, StreamEvent]>, from: LiveState = EMPTY_LIVE_STATE): LiveState {
  return events.reduce((state, [seq, event]) => applyStreamEvent(state, event, seq, 1_000 + seq), from);
}

describe('the live state of an execution', () => {
  it('follows blocks from start to end, with their console lines and streamed text', () => {
    const state = play([
      [1, { type: 'execution_start' }],
      [2, { type: 'block_start', block_id: 'a', block_type: 'code' }],
      [3, { type: 'block_log', block_id: 'a', level: 'warn', message: 'careful' }],
      [4, { type: 'block_chunk', block_id: 'a', chunk: 'Hel' }],
      [5, { type: 'block_chunk', block_id: 'a', chunk: 'lo' }],
      [6, { type: 'block_complete', block_id: 'a', data: { output: 1 }, duration_ms: 12 }],
    ]);
    expect(state.blocks.a).toMatchObject({ status: 'success', output: 1, durationMs: 12, chunks: 'Hello', type: 'code' });
    expect(state.blocks.a.console).toEqual([{ level: 'warn', message: 'careful', at: new Date(1_003).toISOString() }]);
    expect(state.ended).toBeNull();
  });

  it('ignores an event it has already seen, so a replay after reconnecting counts nothing twice', () => {
    const once = play([
      [1, { type: 'block_start', block_id: 'a' }],
      [2, { type: 'block_log', block_id: 'a', level: 'log', message: 'one' }],
    ]);
    const again = play(
      [
        [1, { type: 'block_start', block_id: 'a' }],
        [2, { type: 'block_log', block_id: 'a', level: 'log', message: 'one' }],
        [3, { type: 'block_log', block_id: 'a', level: 'log', message: 'two' }],
      ],
      once,
    );
    expect(again.blocks.a.console.map((line) => line.message)).toEqual(['one', 'two']);
    expect(again.lastSeq).toBe(3);
  });

  it('keeps block errors with their code and ends failed or cancelled on the error event', () => {
    const failed = play([
      [1, { type: 'block_start', block_id: 'b' }],
      [2, { type: 'block_error', block_id: 'b', data: { error: { message: 'kaput', code: 'code_user_error' } }, duration_ms: 300 }],
      [3, { type: 'error', error: 'kaput', code: 'code_user_error', block_id: 'b' }],
    ]);
    expect(failed.blocks.b.error).toEqual({ message: 'kaput', code: 'code_user_error' });
    expect(failed.ended).toEqual({ status: 'failed', message: 'kaput', code: 'code_user_error', blockId: 'b' });
    expect(play([[1, { type: 'error', error: 'The execution was cancelled', code: 'cancelled', block_id: null }]]).ended?.status).toBe('cancelled');
    expect(play([[1, { type: 'done', status: 'completed', output: 1, duration_ms: 5 }]]).ended).toEqual({ status: 'completed', durationMs: 5 });
  });
});
