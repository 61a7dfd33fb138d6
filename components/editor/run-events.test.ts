import { describe, expect, it } from 'vitest';
import type { StreamEvent } from '@/components/run-events/stream';
import { applyRunEvent, isRunActive, lastLine, startRun } from './run-events';
import type { RunState } from './types';

function play(run: RunState, events: [StreamEvent, number | null][]): RunState {
  return events.reduce((state, [event, seq]) => applyRunEvent(state, event, seq), run);
}

describe('following a run', () => {
  it('starts with every block waiting and moves them through running to their end', () => {
    let run = startRun(['input', 'code', 'out']);
    expect(Object.values(run.blocks).every((block) => block.status === 'pending')).toBe(true);
    run = play(run, [
      [{ type: 'execution_start' }, 1],
      [{ type: 'block_start', block_id: 'input' }, 2],
      [{ type: 'block_complete', block_id: 'input', data: { output: { text: 'hi' } }, duration_ms: 3 }, 3],
      [{ type: 'block_start', block_id: 'code' }, 4],
    ]);
    expect(run.status).toBe('running');
    expect(run.blocks.input).toMatchObject({ status: 'success', output: { text: 'hi' }, durationMs: 3 });
    expect(run.blocks.code.status).toBe('running');
    expect(run.order).toEqual(['input', 'code']);
    expect(isRunActive(run)).toBe(true);
  });

  it('ignores events replayed after a reconnect, so chunks and logs are never doubled', () => {
    const events: [StreamEvent, number][] = [
      [{ type: 'block_start', block_id: 'llm' }, 1],
      [{ type: 'block_chunk', block_id: 'llm', chunk: 'Hel' }, 2],
      [{ type: 'block_chunk', block_id: 'llm', chunk: 'lo' }, 3],
      [{ type: 'block_log', block_id: 'llm', level: 'info', message: 'called' }, 4],
    ];
    const once = play(startRun(['llm']), events);
    const replayed = play(once, [...events, [{ type: 'block_chunk', block_id: 'llm', chunk: '!' }, 5]]);
    expect(replayed.blocks.llm.chunks).toBe('Hello!');
    expect(replayed.blocks.llm.logs).toEqual([{ level: 'info', message: 'called' }]);
    expect(replayed.lastSeq).toBe(5);
  });

  it('records errors and skipped blocks, and settles what never ran when the run ends', () => {
    const run = play(startRun(['a', 'b', 'c', 'd']), [
      [{ type: 'block_start', block_id: 'a' }, 1],
      [{ type: 'block_error', block_id: 'a', data: { error: { message: 'boom', code: 'x' } }, duration_ms: 5 }, 2],
      [{ type: 'block_skipped', block_id: 'b' }, 3],
      [{ type: 'block_start', block_id: 'c' }, 4],
      [{ type: 'error', error: 'Block a failed: boom', code: 'block_failed', block_id: 'a' }, 5],
    ]);
    expect(run.status).toBe('failed');
    expect(run.error).toBe('Block a failed: boom');
    expect(run.blocks.a).toMatchObject({ status: 'error', error: 'boom' });
    expect(run.blocks.b.status).toBe('skipped');
    expect(run.blocks.c.status).toBe('error');
    expect(run.blocks.d.status).toBe('skipped');
    expect(isRunActive(run)).toBe(false);
  });

  it('ends with the output and duration of `done`, and reports a cancellation as such', () => {
    const done = applyRunEvent(startRun(['a']), { type: 'done', status: 'completed', output: { ok: true }, duration_ms: 42 }, 9);
    expect(done).toMatchObject({ status: 'completed', output: { ok: true }, durationMs: 42 });
    const cancelled = applyRunEvent(startRun(['a']), { type: 'error', error: 'The execution was cancelled', code: 'cancelled' }, 3);
    expect(cancelled.status).toBe('cancelled');
  });

  it('shows the last line of streamed text on the node', () => {
    expect(lastLine('first\nsecond\n\n')).toBe('second');
    expect(lastLine('')).toBe('');
  });
});
