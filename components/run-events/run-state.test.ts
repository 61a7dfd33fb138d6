import { describe, expect, it } from 'vitest';
import { applyRunEvent, endedStatus, isRunActive, lastLine, startRun, type RunState } from './run-state';
import type { RunEvent } from './stream';

/** Plays numbered events; each arrives at 1000 + its number (ms since the epoch). */
function play(run: RunState, events: [RunEvent, number | null][]): RunState {
  return events.reduce((state, [event, seq]) => applyRunEvent(state, event, seq, 1_000 + (seq ?? 0)), run);
}

const block = { block_type: 'code' };

describe('following a run', () => {
  it('starts with every block waiting and moves them through running to their end', () => {
    let run = startRun(['input', 'code', 'out']);
    expect(Object.values(run.blocks).every((state) => state.status === 'pending')).toBe(true);
    run = play(run, [
      [{ type: 'execution_start', workflow_id: 'w', started_at: '2026-01-01T00:00:00.000Z' }, 1],
      [{ type: 'block_start', block_id: 'input', ...block }, 2],
      [{ type: 'block_complete', block_id: 'input', ...block, data: { output: { text: 'hi' } }, duration_ms: 3 }, 3],
      [{ type: 'block_start', block_id: 'code', ...block }, 4],
    ]);
    expect(run.status).toBe('running');
    expect(run.blocks.input).toMatchObject({ status: 'success', output: { text: 'hi' }, durationMs: 3 });
    expect(run.blocks.code.status).toBe('running');
    expect(run.order).toEqual(['input', 'code']);
    expect(isRunActive(run)).toBe(true);
    expect(endedStatus(run)).toBeNull();
  });

  it('keeps each loop iteration of an inner block apart: its own status, console and output', () => {
    const run = play(startRun([]), [
      [{ type: 'block_start', block_id: 'h', ...block, iteration: 0 }, 1],
      [{ type: 'block_log', block_id: 'h', ...block, level: 'info', message: 'first', iteration: 0 }, 2],
      [{ type: 'block_complete', block_id: 'h', ...block, data: { output: 'a' }, duration_ms: 3, iteration: 0 }, 3],
      [{ type: 'block_start', block_id: 'h', ...block, iteration: 1, iteration_path: [2, 1] }, 4],
      [{ type: 'block_error', block_id: 'h', ...block, data: { error: { message: 'boom', code: 'x' } }, duration_ms: 4, iteration: 1, iteration_path: [2, 1] }, 5],
    ]);
    expect(run.blocks.h).toMatchObject({ status: 'error', output: 'a' });
    expect(run.blocks.h.iterations?.['0']).toMatchObject({ status: 'success', output: 'a', console: [{ message: 'first' }] });
    expect(run.blocks.h.iterations?.['2.1']).toMatchObject({ status: 'error', error: { message: 'boom' }, console: [] });
    expect(run.blocks.h.iterations?.['2.1']).not.toHaveProperty('output');
  });

  it('collects a block’s console lines and streamed text, and remembers its type', () => {
    const run = play(startRun([]), [
      [{ type: 'block_start', block_id: 'a', block_type: 'llm' }, 2],
      [{ type: 'block_log', block_id: 'a', block_type: 'llm', level: 'warn', message: 'careful' }, 3],
      [{ type: 'block_chunk', block_id: 'a', block_type: 'llm', chunk: 'Hel' }, 4],
      [{ type: 'block_chunk', block_id: 'a', block_type: 'llm', chunk: 'lo' }, 5],
      [{ type: 'block_log', block_id: 'a', block_type: 'llm', level: 'info', message: 'stamped', at: '2026-01-01T00:00:01.000Z' }, 6],
      [{ type: 'block_complete', block_id: 'a', block_type: 'llm', data: { output: 1 }, duration_ms: 12 }, 7],
    ]);
    expect(run.blocks.a).toMatchObject({ status: 'success', output: 1, durationMs: 12, chunks: 'Hello', type: 'llm' });
    // A line without its own time is dated when it arrived.
    expect(run.blocks.a.console).toEqual([
      { level: 'warn', message: 'careful', at: new Date(1_003).toISOString() },
      { level: 'info', message: 'stamped', at: '2026-01-01T00:00:01.000Z' },
    ]);
    expect(isRunActive(run)).toBe(true);
  });

  it('ignores events replayed after a reconnect, so chunks and console lines are never doubled', () => {
    const events: [RunEvent, number][] = [
      [{ type: 'block_start', block_id: 'llm', ...block }, 1],
      [{ type: 'block_chunk', block_id: 'llm', ...block, chunk: 'Hel' }, 2],
      [{ type: 'block_chunk', block_id: 'llm', ...block, chunk: 'lo' }, 3],
      [{ type: 'block_log', block_id: 'llm', ...block, level: 'info', message: 'one' }, 4],
    ];
    const once = play(startRun(['llm']), events);
    const replayed = play(once, [
      ...events,
      [{ type: 'block_chunk', block_id: 'llm', ...block, chunk: '!' }, 5],
      [{ type: 'block_log', block_id: 'llm', ...block, level: 'log', message: 'two' }, 6],
    ]);
    expect(replayed.blocks.llm.chunks).toBe('Hello!');
    expect(replayed.blocks.llm.console.map((line) => line.message)).toEqual(['one', 'two']);
    expect(replayed.lastSeq).toBe(6);
  });

  it('records errors with their code and skipped blocks, and settles what never ran when the run ends', () => {
    const run = play(startRun(['a', 'b', 'c', 'd']), [
      [{ type: 'block_start', block_id: 'a', ...block }, 1],
      [{ type: 'block_error', block_id: 'a', ...block, data: { error: { message: 'boom', code: 'code_user_error' } }, duration_ms: 5 }, 2],
      [{ type: 'block_skipped', block_id: 'b', ...block }, 3],
      [{ type: 'block_start', block_id: 'c', ...block }, 4],
      [{ type: 'error', error: 'Block a failed: boom', code: 'block_failed', block_id: 'a' }, 5],
    ]);
    expect(run.status).toBe('failed');
    expect(run.error).toEqual({ message: 'Block a failed: boom', code: 'block_failed', blockId: 'a' });
    expect(run.blocks.a).toMatchObject({ status: 'error', error: { message: 'boom', code: 'code_user_error' } });
    expect(run.blocks.b.status).toBe('skipped');
    // Still running when the execution ended: stopped by it.
    expect(run.blocks.c).toMatchObject({ status: 'error', error: { code: 'cancelled' } });
    expect(run.blocks.d.status).toBe('skipped');
    expect(isRunActive(run)).toBe(false);
    expect(endedStatus(run)).toBe('failed');
  });

  it('ends with the output and duration of `done`, and reports a cancellation as such', () => {
    const done = applyRunEvent(startRun(['a']), { type: 'done', status: 'completed', output: { ok: true }, duration_ms: 42 }, 9);
    expect(done).toMatchObject({ status: 'completed', output: { ok: true }, durationMs: 42 });
    const cancelled = applyRunEvent(startRun(['a']), { type: 'error', error: 'The execution was cancelled', code: 'cancelled', block_id: null }, 3);
    expect(cancelled.status).toBe('cancelled');
    expect(endedStatus(cancelled)).toBe('cancelled');
    const failedDone = applyRunEvent(startRun([]), { type: 'done', status: 'failed', output: null, duration_ms: 7 }, 1);
    expect(endedStatus(failedDone)).toBe('failed');
  });

  it('shows the last line of streamed text on the node', () => {
    expect(lastLine('first\nsecond\n\n')).toBe('second');
    expect(lastLine('')).toBe('');
  });
});
