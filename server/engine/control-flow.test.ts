import { runGraphForTest } from '@/server/test/run-graph';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineBlock, registerBlockTypeForTest } from '../blocks';
import { validateGraph } from '../graph/validate';
import { block, chain, edge, graph, inputBlock, outputBlock } from '@/server/test/graphs';
import type { Block, Graph } from '@/lib/graph/schema';
import { priorKey, type BlockLogRecord, type RunGraphOptions } from './run-graph';

// Control flow in the engine: routers, loops (sequential, parallel, nested), waits and pauses, on real blocks
// and the real sandbox.

async function run(g: Graph, input: Record<string, unknown> = {}, extra: Partial<RunGraphOptions> = {}) {
  expect(validateGraph(g)).toEqual([]);
  return runGraphForTest(g, input, extra);
}

const code = (id: string, source: string, parent?: string): Block => ({ ...block(id, 'code', { code: source }), parent_id: parent });
const inside = (b: Block, parent: string): Block => ({ ...b, parent_id: parent });

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

describe('router', () => {
  const routed = (mode: 'first' | 'all') =>
    graph(
      [
        inputBlock(),
        block('route', 'router', { mode, routes: [{ id: 'refund', condition: 'input.kind === "refund"' }, { id: 'big', condition: 'input.amount > 100' }] }),
        code('on_refund', 'return "refund"'),
        code('on_big', 'return "big"'),
        code('on_default', 'return "default"'),
        outputBlock('output', { value: { refund: '{{on_refund}}', big: '{{on_big}}', other: '{{on_default}}' } }),
      ],
      [
        edge('input', 'route'),
        edge('route', 'on_refund', { sourceHandle: 'refund' }),
        edge('route', 'on_big', { sourceHandle: 'big' }),
        edge('route', 'on_default', { sourceHandle: 'default' }),
        edge('on_refund', 'output'),
        edge('on_big', 'output'),
        edge('on_default', 'output'),
      ],
    );

  it('takes the first matching route and skips the others', async () => {
    const { result, logs } = await run(routed('first'), { kind: 'refund', amount: 500 });
    expect(result).toMatchObject({ status: 'completed', output: { refund: 'refund', big: null, other: null } });
    expect(logs.find((l) => l.blockId === 'route')?.output).toEqual({ routes: ['refund'] });
    expect(logs.filter((l) => l.status === 'skipped').map((l) => l.blockId).sort()).toEqual(['on_big', 'on_default']);
  });

  it('takes every matching route in mode all', async () => {
    const { result } = await run(routed('all'), { kind: 'refund', amount: 500 });
    expect(result).toMatchObject({ status: 'completed', output: { refund: 'refund', big: 'big', other: null } });
  });

  it('takes the default route when nothing matches', async () => {
    const { result } = await run(routed('first'), { kind: 'question', amount: 1 });
    expect(result).toMatchObject({ status: 'completed', output: { refund: null, big: null, other: 'default' } });
  });

  it('refuses an edge through a route the router does not have', () => {
    const g = routed('first');
    g.edges[1] = edge('route', 'on_refund', { sourceHandle: 'refunds' });
    expect(validateGraph(g)).toEqual([expect.objectContaining({ field: 'sourceHandle', message: expect.stringContaining('"refund" or "big" or "default"') })]);
  });
});

/** input -> loop (with `body` inside it) -> output */
function loopGraph(loopConfig: Record<string, unknown>, body: Block[], bodyEdges: [string, string][] = []): Graph {
  return graph(
    [inputBlock(), block('each', 'loop', loopConfig), ...body.map((b) => (b.parent_id ? b : inside(b, 'each'))), outputBlock('output', { value: '{{each.results}}' })],
    [edge('input', 'each'), edge('each', 'output'), ...bodyEdges.map(([s, t]) => edge(s, t))],
  );
}

describe('loop', () => {
  it('runs its inner blocks once per item, in order, with loop.item and loop.index in templates and code', async () => {
    const g = loopGraph({ items: '{{input.names}}' }, [
      code('greet', 'return `${loop.index}:${loop.item}`'),
      code('shout', 'return greet.toUpperCase() + "!" + input.suffix'),
    ], [['greet', 'shout']]);
    const { result, events, logs } = await run(g, { names: ['ann', 'bob', 'cy'], suffix: '?' });
    expect(result).toMatchObject({ status: 'completed', output: ['0:ANN!?', '1:BOB!?', '2:CY!?'] });
    const shoutEvents = events.filter((e) => e.type === 'block_complete' && e.block_id === 'shout');
    expect(shoutEvents.map((e) => 'iteration' in e && e.iteration)).toEqual([0, 1, 2]);
    expect(logs.filter((l) => l.blockId === 'greet').map((l) => [l.iteration, l.output])).toEqual([[[0], '0:ann'], [[1], '1:bob'], [[2], '2:cy']]);
    expect(logs.find((l) => l.blockId === 'each')).toMatchObject({ iteration: [], output: { results: ['0:ANN!?', '1:BOB!?', '2:CY!?'] } });
  });

  it('counts with `count`, and inner blocks see the results of earlier iterations', async () => {
    const g = loopGraph({ count: 3 }, [code('echo', 'return loop.results.length')]);
    const { result } = await run(g);
    expect(result).toMatchObject({ status: 'completed', output: [0, 1, 2] });
  });

  it('runs nested loops: every inner iteration sees both loops, results nest', async () => {
    const g = graph(
      [
        inputBlock(),
        block('rows', 'loop', { items: '{{input.rows}}' }),
        inside(block('cols', 'loop', { items: '{{loop.item}}' }), 'rows'),
        code('cell', 'return loop.item * 10 + loop.index', 'cols'),
        outputBlock('output', { value: '{{rows.results}}' }),
      ],
      [edge('input', 'rows'), edge('rows', 'output')],
    );
    const { result, logs } = await run(g, { rows: [[1, 2], [3]] });
    expect(result).toMatchObject({ status: 'completed', output: [{ results: [10, 21] }, { results: [30] }] });
    expect(logs.filter((l) => l.blockId === 'cell').map((l) => l.iteration)).toEqual([[0, 0], [0, 1], [1, 0]]);
  });
});

describe('loop concurrency, failures and resuming', () => {
  it('maps 100 items at concurrency 8: eight iterations are in flight at once, never more, results in item order', async () => {
    let inFlight = 0;
    let most = 0;
    let started = 0;
    const waiting: (() => void)[] = [];
    // A barrier: each call waits until 8 are in flight (or every item has started), so the overlap is proven, not timed.
    const release = () => {
      if (inFlight >= 8 || started === 100) waiting.splice(0).forEach((go) => go());
    };
    cleanups.push(
      registerBlockTypeForTest(
        defineBlock({
          type: 'test_barrier',
          label: 'Barrier',
          description: 'Counts how many run at once.',
          icon: 'box',
          category: 'logic',
          config: { value: z.json().optional() },
          templateFields: ['value'],
          defaults: {},
          async run({ config }) {
            inFlight++;
            started++;
            most = Math.max(most, inFlight);
            await new Promise<void>((resolve) => {
              waiting.push(resolve);
              release();
            });
            inFlight--;
            return config.value;
          },
        }),
      ),
    );
    const items = Array.from({ length: 100 }, (_, i) => i);
    const g = loopGraph({ items: '{{input.items}}', concurrency: 8 }, [block('work', 'test_barrier', { value: '{{loop.item}}' })]);
    const { result } = await run(g, { items });
    expect(result).toMatchObject({ status: 'completed', output: items });
    expect(most).toBe(8);
  });

  it('runs one at a time by default', async () => {
    let inFlight = 0;
    let most = 0;
    cleanups.push(
      registerBlockTypeForTest(
        defineBlock({
          type: 'test_counter',
          label: 'Counter',
          description: 'Counts how many run at once.',
          icon: 'box',
          category: 'logic',
          config: {},
          defaults: {},
          async run() {
            most = Math.max(most, ++inFlight);
            await new Promise((resolve) => setImmediate(resolve));
            inFlight--;
            return most;
          },
        }),
      ),
    );
    const { result } = await run(loopGraph({ count: 5 }, [block('work', 'test_counter')]));
    expect(result.status).toBe('completed');
    expect(most).toBe(1);
  });

  it('fails with the failing iteration named, and stops starting new ones', async () => {
    const g = loopGraph({ items: '{{input.items}}' }, [code('work', 'if (loop.item === 2) throw new Error("bad item"); return loop.item')]);
    const { result, logs } = await run(g, { items: [1, 2, 3, 4] });
    expect(result).toMatchObject({ status: 'failed', error: { block_id: 'each', message: expect.stringMatching(/^Iteration 1: .*bad item/) } });
    expect(logs.filter((l) => l.blockId === 'work').map((l) => l.iteration)).toEqual([[0], [1]]);
  });

  it('refuses more items than max_iterations, and items that are no list', async () => {
    const tooMany = await run(loopGraph({ items: '{{input.items}}', max_iterations: 2 }, [code('work', 'return 1')]), { items: [1, 2, 3] });
    expect(tooMany.result).toMatchObject({ status: 'failed', error: { code: 'too_many_iterations' } });
    const notList = await run(loopGraph({ items: '{{input.items}}' }, [code('work', 'return 1')]), { items: 'abc' });
    expect(notList.result).toMatchObject({ status: 'failed', error: { code: 'invalid_items' } });
  });

  it('resumes inside a loop: iterations an earlier attempt recorded are not run again', async () => {
    const g = loopGraph({ count: 2 }, [code('work', 'if (loop.index === 0) throw new Error("ran again"); return loop.index')]);
    const prior = new Map([[priorKey('work', [0]), { status: 'success' as const, output: 'from before', executionOrder: 3, usage: null }]]);
    const { result } = await run(g, {}, { prior });
    expect(result).toMatchObject({ status: 'completed', output: ['from before', 1] });
  });
});

describe('validation of containers', () => {
  it('refuses edges across a loop boundary, references into a loop, and parents that are not containers', () => {
    const g = loopGraph({ count: 1 }, [code('work', 'return 1')]);
    g.blocks.push({ ...code('stray', 'return 2'), parent_id: 'input' }, block('peek', 'output', { value: '{{work}}' }));
    g.edges.push(edge('input', 'work'), edge('each', 'peek'));
    const messages = validateGraph(g).map((p) => p.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringContaining('input blocks cannot hold other blocks'),
        expect.stringContaining('edges connect blocks of the same parent only'),
        expect.stringContaining('use the results of "each" instead'),
      ]),
    );
  });

  it('refuses an approval or a long wait inside a loop, saying why; a short wait is fine', () => {
    const g = loopGraph({ count: 2 }, [block('ask', 'approval', {}), block('later', 'wait', { seconds: 3600 }), block('until', 'wait', { until: '{{input.when}}' }), block('pause', 'wait', { seconds: 1 })]);
    expect(validateGraph(g).filter((p) => p.field === 'parent_id')).toEqual([
      { block_id: 'ask', edge: null, field: 'parent_id', message: 'The approval block "ask" cannot sit inside "each": it waits for a decision, and one iteration of a loop cannot pause while the others run on. Move it out of the loop' },
      { block_id: 'later', edge: null, field: 'parent_id', message: expect.stringContaining('a wait longer than 30 s pauses the execution') },
      { block_id: 'until', edge: null, field: 'parent_id', message: expect.stringContaining('a wait until a time may be longer than 30 s') },
    ]);
  });

  it('lets inner blocks refer to the loop variable and to what is upstream of the loop, not to the loop itself', () => {
    const g = loopGraph({ items: '{{input.items}}' }, [block('call', 'http', { url: 'https://example.com/{{loop.item}}?q={{input.q}}' })]);
    expect(validateGraph(g)).toEqual([]);
    g.blocks.push(block('outside', 'http', { url: 'https://example.com/{{loop.item}}' }));
    g.edges.push(edge('input', 'outside'));
    expect(validateGraph(g).map((p) => p.message)).toEqual([expect.stringContaining('"loop", which does not exist')]);
  });
});

describe('wait and approval', () => {
  it('a short wait waits in place and reports how long', async () => {
    const { result } = await run(chain(block('pause', 'wait', { seconds: 0.01 })));
    expect(result).toMatchObject({ status: 'completed', output: { pause: { waited_ms: 10 } } });
  });

  it('a long wait pauses the execution: independent branches finish, the block downstream does not run', async () => {
    const g = graph(
      [inputBlock(), block('pause', 'wait', { until: '{{input.at}}' }), code('after', 'return 1'), code('side', 'return 2'), outputBlock()],
      [edge('input', 'pause'), edge('pause', 'after'), edge('input', 'side'), edge('after', 'output'), edge('side', 'output')],
    );
    const at = new Date(Date.now() + 3_600_000).toISOString();
    const { result, events, logs } = await run(g, { at });
    expect(result).toMatchObject({ status: 'waiting', waits: [{ block_id: 'pause', awaits_decision: false, resume_at: at, on_time: { output: {} } }] });
    expect(events).toContainEqual(expect.objectContaining({ type: 'block_waiting', block_id: 'pause', resume_at: at }));
    expect(logs.map((l) => l.blockId).sort()).toEqual(['input', 'side']);
  });

  it('an approval pauses; once its decision is recorded the run continues down that branch', async () => {
    const g = graph(
      [inputBlock(), block('ask', 'approval', { message: 'Refund {{input.amount}}?' }), code('pay', 'return "paid"'), code('deny', 'return "denied"'), outputBlock()],
      [edge('input', 'ask'), edge('ask', 'pay', { sourceHandle: 'approved' }), edge('ask', 'deny', { sourceHandle: 'rejected' }), edge('pay', 'output'), edge('deny', 'output')],
    );
    const first = await run(g, { amount: 30 });
    expect(first.result).toMatchObject({ status: 'waiting', waits: [{ block_id: 'ask', message: 'Refund 30?', awaits_decision: true, resume_at: null }] });
    const prior = new Map(first.logs.map((l) => [priorKey(l.blockId, l.iteration), l]));
    prior.set('ask', { blockId: 'ask', status: 'success', output: { decision: 'rejected', data: null, by: 'u', at: 'now' }, executionOrder: 9, usage: null } as BlockLogRecord);
    const second = await run(g, { amount: 30 }, { prior });
    expect(second.result).toMatchObject({ status: 'completed', output: { deny: 'denied' } });
  });

  it('a block inside a loop cannot pause the execution (the validator refuses it; one saved before that fails)', async () => {
    const { result } = await runGraphForTest(loopGraph({ count: 1 }, [block('ask', 'approval', {})]));
    expect(result).toMatchObject({ status: 'failed', error: { code: 'wait_in_loop' } });
  });
});
