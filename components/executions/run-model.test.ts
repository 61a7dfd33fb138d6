import { describe, expect, it } from 'vitest';
import { applyRunEvent, startRun } from '@/components/run-events/run-state';
import { agentSteps, buildRunModel, iterationLabel, iterationView, outputModel } from './run-model';
import type { BlockLog, RanGraph } from './types';

const START = Date.parse('2026-01-01T00:00:00.000Z');
const iso = (ms: number) => new Date(START + ms).toISOString();

const graph: RanGraph = {
  blocks: [
    { id: 'input', type: 'input', position: { x: 0, y: 0 } },
    { id: 'slow_a', type: 'code', position: { x: 1, y: 0 } },
    { id: 'fail_b', type: 'code', position: { x: 1, y: 1 } },
    { id: 'output', type: 'output', position: { x: 2, y: 0 } },
  ],
  edges: [
    { source: 'input', target: 'slow_a' },
    { source: 'input', target: 'fail_b' },
    { source: 'slow_a', target: 'output' },
    { source: 'fail_b', target: 'output' },
  ],
};

function log(id: string, order: number, start: number, end: number, extra: Partial<BlockLog> = {}): BlockLog {
  return {
    block_id: id,
    block_type: 'code',
    block_name: null,
    status: 'success',
    input: null,
    output: null,
    error: null,
    started_at: iso(start),
    completed_at: iso(end),
    duration_ms: end - start,
    execution_order: order,
    attempts: 1,
    usage: null,
    cost_usd: 0,
    console: [],
    iteration: null,
    ...extra,
  };
}

const execution = { started_at: iso(0), created_at: iso(0), completed_at: iso(420), duration_ms: 420, status: 'failed' as const };

describe('the run model', () => {
  it('shows what each block received: the outputs of the blocks feeding it, by block id', () => {
    const model = buildRunModel({
      execution,
      graph,
      logs: [
        log('input', 1, 0, 1, { output: { text: 'hi' } }),
        log('slow_a', 2, 1, 2, { output: { n: 1 } }),
        log('fail_b', 3, 1, 2, { status: 'error', error: { message: 'kaput', code: 'code_user_error' } }),
      ],
      live: startRun([]),
      catalog: new Map(),
      ended: true,
      now: 0,
    });
    expect(model.byId.get('slow_a')!.received).toEqual({ input: { text: 'hi' } });
    // A failed feeder gave nothing.
    expect(model.byId.get('output')!.received).toEqual({ slow_a: { n: 1 } });
    expect(model.byId.get('input')!.received).toBeNull();
  });

  it('places blocks on one axis from the execution start, so parallel branches overlap', () => {
    const model = buildRunModel({
      execution,
      graph,
      logs: [
        log('input', 1, 2, 4),
        log('slow_a', 2, 5, 405, { status: 'error', error: { message: 'Cancelled', code: 'cancelled' } }),
        log('fail_b', 3, 5, 310, { status: 'error', error: { message: 'kaput', code: 'code_user_error' } }),
      ],
      live: startRun([]),
      catalog: new Map(),
      ended: true,
      now: 0,
    });
    expect(model.blocks.map((block) => [block.id, block.status])).toEqual([
      ['input', 'success'],
      ['slow_a', 'cancelled'],
      ['fail_b', 'error'],
      ['output', 'not_reached'],
    ]);
    const a = model.byId.get('slow_a')!;
    const b = model.byId.get('fail_b')!;
    expect([a.startMs, a.endMs, b.startMs, b.endMs]).toEqual([5, 405, 5, 310]);
    expect(model.totalMs).toBe(420);
  });

  it('keeps every iteration of a block inside a loop, in iteration order, each viewable on its own', () => {
    const model = buildRunModel({
      execution,
      graph,
      logs: [
        log('slow_a', 2, 5, 10, { iteration: [10], output: 'ten' }),
        log('slow_a', 3, 10, 20, { iteration: [2], status: 'error', error: { message: 'kaput', code: 'x' }, console: [{ level: 'info', message: 'two', at: iso(12) }] }),
        log('slow_a', 4, 20, 30, { iteration: [9], output: 'nine' }),
      ],
      live: startRun([]),
      catalog: new Map(),
      ended: true,
      now: 0,
    });
    const a = model.byId.get('slow_a')!;
    expect(a.iterations.map(iterationLabel)).toEqual(['2', '9', '10']);
    const second = iterationView(a, a.iterations[0], START);
    expect(second).toMatchObject({ status: 'error', startMs: 10, endMs: 20, console: [{ message: 'two' }] });
    expect(iterationView(a, a.iterations[2], START).log?.output).toBe('ten');
    expect(model.byId.get('input')!.iterations).toEqual([]);
  });

  it('shows a block the logs do not have yet from the stream, starting when its upstream finished', () => {
    let live = applyRunEvent(startRun([]), { type: 'block_start', block_id: 'slow_a', block_type: 'code' }, 3, 0);
    live = applyRunEvent(live, { type: 'block_start', block_id: 'fail_b', block_type: 'code' }, 4, 0);
    const model = buildRunModel({
      execution: { ...execution, status: 'running', completed_at: null, duration_ms: null },
      graph,
      logs: [log('input', 1, 2, 4)],
      live,
      catalog: new Map(),
      ended: false,
      now: START + 250,
    });
    const a = model.byId.get('slow_a')!;
    expect(a).toMatchObject({ status: 'running', running: true, startMs: 4, endMs: 250 });
    expect(model.byId.get('output')!.status).toBe('pending');
    expect(model.totalMs).toBe(250);
  });

  it('reads the model and the agent steps of an LLM block output', () => {
    const output = {
      output: 'done',
      model: 'gpt-4o-mini',
      steps: [{ step: 1, text: '', tool_calls: [{ id: 'c1', tool: 'current_time', arguments: {} }], tool_results: [{ id: 'c1', tool: 'current_time', output: 'noon' }], finish_reason: 'tool-calls' }],
    };
    expect(outputModel(output)).toBe('gpt-4o-mini');
    expect(agentSteps(output)[0].tool_calls[0].tool).toBe('current_time');
    expect(agentSteps('text')).toEqual([]);
  });
});
