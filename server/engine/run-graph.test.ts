import { runGraphForTest } from '@/server/test/run-graph';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { block, chain, edge, graph, inputBlock, outputBlock } from '@/server/test/graphs';
import type { Graph } from '@/lib/graph/schema';
import type { EngineEventBody } from './events';
import { runGraph, type BlockLogRecord, type RunGraphOptions, type StopReason } from './run-graph';
import { setEnv, unsetEnv } from '@/server/test/env';

// The engine on real blocks: code and conditions in the real sandbox, HTTP against a local server.

interface Run {
  events: EngineEventBody[];
  logs: BlockLogRecord[];
  result: Awaited<ReturnType<typeof runGraph>>;
}

async function run(
  g: Graph,
  input: Record<string, unknown> = {},
  control?: (events: EngineEventBody[], controller: AbortController) => void,
  prior?: RunGraphOptions['prior'],
): Promise<Run> {
  const controller = new AbortController();
  return runGraphForTest(g, input, { signal: controller.signal, onEvent: (_, events) => control?.(events, controller), prior });
}

const code = (id: string, source: string, extra: Record<string, unknown> = {}) => block(id, 'code', { code: source, ...extra });
const condition = (id: string, expression: string) => block(id, 'condition', { expression });
const typesOf = (events: EngineEventBody[], blockId: string) =>
  events.filter((e) => 'block_id' in e && e.block_id === blockId).map((e) => e.type);

let server: http.Server;
let baseUrl: string;
const hits = new Map<string, number>();

beforeAll(async () => {
  setEnv('WEFT_ALLOW_PRIVATE_NETWORK', 'true');
  server = http.createServer((req, res) => {
    const count = (hits.get(req.url!) ?? 0) + 1;
    hits.set(req.url!, count);
    if (req.url!.startsWith('/flaky') && count <= 2) return req.socket.destroy();
    if (req.url!.startsWith('/hang')) return; // never answers
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ path: req.url, count }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  unsetEnv('WEFT_ALLOW_PRIVATE_NETWORK');
});

describe('scheduling', () => {
  it('runs a chain, passing outputs along, and the output block sets the execution output', async () => {
    const g = graph(
      [inputBlock(), code('double', 'return input.n * 2'), code('plus_one', 'return double + 1'), outputBlock('output', { value: { result: '{{plus_one}}' } })],
      [edge('input', 'double'), edge('double', 'plus_one'), edge('plus_one', 'output')],
    );
    const { result, logs } = await run(g, { n: 20 });
    expect(result).toMatchObject({ status: 'completed', output: { result: 41 }, error: null });
    expect(result.blockOutputs).toEqual({ input: { n: 20 }, double: 40, plus_one: 41, output: { result: 41 } });
    expect(logs.map((l) => [l.blockId, l.status, l.executionOrder])).toEqual([
      ['input', 'success', 1],
      ['double', 'success', 2],
      ['plus_one', 'success', 3],
      ['output', 'success', 4],
    ]);
  });

  it('runs independent branches at the same time', async () => {
    const sleep = 'await new Promise((r) => setTimeout(r, 300)); return 1;';
    const g = graph(
      [inputBlock(), code('left', sleep), code('right', sleep), outputBlock()],
      [edge('input', 'left'), edge('input', 'right'), edge('left', 'output'), edge('right', 'output')],
    );
    const { events, result } = await run(g);
    const order = events.filter((e) => e.type === 'block_start' || e.type === 'block_complete').map((e) => `${e.type}:${(e as { block_id: string }).block_id}`);
    // Both branches start before either finishes: they overlap.
    expect(order.indexOf('block_start:right')).toBeLessThan(order.indexOf('block_complete:left'));
    expect(order.indexOf('block_start:left')).toBeLessThan(order.indexOf('block_complete:right'));
    expect(result.output).toEqual({ left: 1, right: 1 });
  });

  it('joins a diamond: the join runs once, after both sides, and sees both outputs', async () => {
    const g = graph(
      [inputBlock(), code('a', 'return "A"'), code('b', 'return "B"'), code('join', 'return a + b'), outputBlock('output', { value: '{{join}}' })],
      [edge('input', 'a'), edge('input', 'b'), edge('a', 'join'), edge('b', 'join'), edge('join', 'output')],
    );
    const { result, events } = await run(g);
    expect(result.output).toBe('AB');
    expect(events.filter((e) => e.type === 'block_start' && e.block_id === 'join')).toHaveLength(1);
  });

  it('takes only the branch a condition picks, skips the other and everything only it leads to, and joins after', async () => {
    const g = graph(
      [
        inputBlock(),
        condition('check', 'input.score > 0.5'),
        code('yes', 'return "high"'),
        code('no', 'return "low"'),
        code('no_more', 'return no + "!"'),
        code('join', 'return typeof yes === "undefined" ? no : yes'),
        outputBlock('output', { value: '{{join}}' }),
      ],
      [
        edge('input', 'check'),
        edge('check', 'yes', { sourceHandle: 'true' }),
        edge('check', 'no', { sourceHandle: 'false' }),
        edge('no', 'no_more'),
        edge('yes', 'join'),
        edge('no_more', 'join'),
        edge('join', 'output'),
      ],
    );
    const high = await run(g, { score: 0.9 });
    expect(high.result.output).toBe('high');
    expect(high.result.blockOutputs.check).toEqual({ result: true });
    expect(typesOf(high.events, 'no')).toEqual(['block_skipped']);
    expect(typesOf(high.events, 'no_more')).toEqual(['block_skipped']);
    expect(high.logs.find((l) => l.blockId === 'no_more')?.status).toBe('skipped');

    const low = await run(g, { score: 0.1 });
    expect(low.result.output).toBe('low');
    expect(typesOf(low.events, 'yes')).toEqual(['block_skipped']);
  });

  it('skips an output block whose branch was not taken; the one that ran gives the output', async () => {
    const g = graph(
      [inputBlock(), condition('check', 'input.ok'), outputBlock('good', { value: 'yes' }), outputBlock('bad', { value: 'no' })],
      [edge('input', 'check'), edge('check', 'good', { sourceHandle: 'true' }), edge('check', 'bad', { sourceHandle: 'false' })],
    );
    expect((await run(g, { ok: true })).result.output).toBe('yes');
    expect((await run(g, { ok: false })).result.output).toBe('no');
  });

  it('handles a 200-block graph', async () => {
    const blocks = [inputBlock(), code('b1', 'return input.n + 1')];
    const edges = [edge('input', 'b1')];
    for (let i = 2; i <= 200; i++) {
      blocks.push(code(`b${i}`, `return b${i - 1} + 1`));
      edges.push(edge(`b${i - 1}`, `b${i}`));
    }
    blocks.push(outputBlock('output', { value: '{{b200}}' }));
    edges.push(edge('b200', 'output'));
    const { result, logs } = await run(graph(blocks, edges), { n: 0 });
    expect(result).toMatchObject({ status: 'completed', output: 200 });
    expect(logs).toHaveLength(202);
  }, 60_000);
});

describe('resuming with blocks an earlier attempt settled', () => {
  it('does not run them again, uses their recorded outputs and branches, and numbers new logs after theirs', async () => {
    const g = graph(
      [inputBlock(), code('first', 'throw new Error("must not run again")'), condition('gate', 'first.n > 1'), code('yes', 'return first.n * 10'), code('no', 'return 0'), outputBlock('output', { value: '{{yes}}' })],
      [edge('input', 'first'), edge('first', 'gate'), edge('gate', 'yes', { sourceHandle: 'true' }), edge('gate', 'no', { sourceHandle: 'false' }), edge('yes', 'output')],
    );
    const prior = new Map([
      ['input', { status: 'success' as const, output: {}, executionOrder: 1, usage: null }],
      ['first', { status: 'success' as const, output: { n: 4 }, executionOrder: 2, usage: { input_tokens: 3, output_tokens: 5 } }],
    ]);
    const { result, logs, events } = await run(g, {}, undefined, prior);
    expect(result).toMatchObject({ status: 'completed', output: 40, usage: { input_tokens: 3, output_tokens: 5 } });
    expect(logs.map((l) => [l.blockId, l.status, l.executionOrder]).sort((a, b) => Number(a[2]) - Number(b[2]))).toEqual([
      ['gate', 'success', 3],
      ['yes', 'success', 4],
      ['no', 'skipped', 5],
      ['output', 'success', 6],
    ]);
    expect(typesOf(events, 'first')).toEqual([]);
  });

  it('runs a block again whose earlier attempt failed the execution', async () => {
    const g = chain(code('flaky', 'return 7'));
    const prior = new Map([['flaky', { status: 'error' as const, output: null, executionOrder: 2, usage: null }]]);
    const { result } = await run(g, {}, undefined, prior);
    expect(result).toMatchObject({ status: 'completed', blockOutputs: { flaky: 7 } });
  });
});

describe('failures', () => {
  it('fails the execution on a failing block, naming it, and runs nothing after it', async () => {
    const g = graph(
      [inputBlock(), code('boom', 'console.log("about to fail"); throw new TypeError("bad thing")'), code('after', 'return 1'), outputBlock()],
      [edge('input', 'boom'), edge('boom', 'after'), edge('after', 'output')],
    );
    const { result, logs, events } = await run(g);
    expect(result.status).toBe('failed');
    expect(result.error).toMatchObject({ block_id: 'boom', message: expect.stringContaining('bad thing') });
    expect(logs.find((l) => l.blockId === 'boom')).toMatchObject({ status: 'error', console: [expect.objectContaining({ level: 'log', message: 'about to fail' })] });
    expect(logs.find((l) => l.blockId === 'after')).toBeUndefined();
    expect(events).toContainEqual(expect.objectContaining({ type: 'block_log', block_id: 'boom', message: 'about to fail' }));
  });

  it('aborts blocks still running in parallel when another one fails', async () => {
    const g = graph(
      [inputBlock(), code('slow', 'await new Promise((r) => setTimeout(r, 20000)); return 1'), code('boom', 'throw new Error("no")'), outputBlock()],
      [edge('input', 'slow'), edge('input', 'boom'), edge('slow', 'output'), edge('boom', 'output')],
    );
    const started = Date.now();
    const { result } = await run(g);
    expect(result.status).toBe('failed');
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('with on_error "continue" passes {error} downstream and completes', async () => {
    const g = graph(
      [inputBlock(), code('boom', 'throw new Error("ouch")', { on_error: 'continue' }), code('after', 'return boom'), outputBlock('output', { value: '{{after}}' })],
      [edge('input', 'boom'), edge('boom', 'after'), edge('after', 'output')],
    );
    const { result, logs } = await run(g);
    expect(result.status).toBe('completed');
    expect(result.output).toEqual({ error: expect.stringContaining('ouch') });
    expect(logs.find((l) => l.blockId === 'boom')?.status).toBe('error');
  });

  it('stops a block at its timeout', async () => {
    const g = graph([inputBlock(), code('spin', 'while (true) {}', { timeout_ms: 300 }), outputBlock()], [edge('input', 'spin'), edge('spin', 'output')]);
    const { result } = await run(g);
    expect(result.status).toBe('failed');
    expect(result.error).toMatchObject({ block_id: 'spin', code: expect.stringMatching(/timeout/) });
  });

  it('retries with exponential backoff and succeeds on the third attempt', async () => {
    const g = graph(
      [inputBlock(), block('fetch', 'http', { url: `${baseUrl}/flaky-1`, retry: { max_attempts: 3, backoff_ms: 50, backoff: 'exponential' } }), outputBlock('output', { value: '{{fetch.body.count}}' })],
      [edge('input', 'fetch'), edge('fetch', 'output')],
    );
    const { result, logs } = await run(g);
    expect(result).toMatchObject({ status: 'completed', output: 3 });
    const fetchLog = logs.find((l) => l.blockId === 'fetch')!;
    expect(fetchLog.attempts).toBe(3);
    expect(fetchLog.console.map((c) => c.message)).toEqual([
      expect.stringMatching(/^Attempt 1 of 3 failed: .*Retrying in 50 ms\.$/),
      expect.stringMatching(/^Attempt 2 of 3 failed: .*Retrying in 100 ms\.$/),
    ]);
  });

  it('gives up after the last attempt with the last error', async () => {
    const g = graph(
      [inputBlock(), block('fetch', 'http', { url: `${baseUrl}/flaky-2`, retry: { max_attempts: 2, backoff_ms: 10, backoff: 'fixed' } }), outputBlock()],
      [edge('input', 'fetch'), edge('fetch', 'output')],
    );
    const { result, logs } = await run(g);
    expect(result.status).toBe('failed');
    expect(logs.find((l) => l.blockId === 'fetch')?.attempts).toBe(2);
  });

  it('fails the input block when the input does not match its fields, without retrying', async () => {
    const g = graph(
      [inputBlock('input', { fields: [{ name: 'text', type: 'string', required: true }], retry: { max_attempts: 3 } }), outputBlock()],
      [edge('input', 'output')],
    );
    const { result, logs } = await run(g, { text: 5 });
    expect(result.error).toMatchObject({ block_id: 'input', code: 'invalid_input', message: expect.stringContaining('"text" must be a string') });
    expect(logs[0].attempts).toBe(1);
  });
});

describe('templates in an http URL', () => {
  it('encodes an input value so it stays one query value (it cannot add parameters)', async () => {
    const g = graph(
      [inputBlock(), block('fetch', 'http', { url: `${baseUrl}/search?q={{input.q}}` }), outputBlock('output', { value: '{{fetch.body.path}}' })],
      [edge('input', 'fetch'), edge('fetch', 'output')],
    );
    const { result } = await run(g, { q: 'cats&admin=true' });
    const received = new URL(result.output as string, baseUrl).searchParams;
    expect([...received.keys()]).toEqual(['q']);
    expect(received.get('q')).toBe('cats&admin=true');
  });
});

describe('output size', () => {
  const bigOutputs = (limit: string) => {
    setEnv('WEFT_MAX_OUTPUT_BYTES', limit);
  };
  afterAll(() => unsetEnv('WEFT_MAX_OUTPUT_BYTES'));

  it('fails a code block whose result is larger than WEFT_MAX_OUTPUT_BYTES with output_too_large', async () => {
    bigOutputs('100000');
    const g = graph([inputBlock(), code('big', 'return "x".repeat(200000)'), outputBlock()], [edge('input', 'big'), edge('big', 'output')]);
    const { result, events } = await run(g);
    expect(result).toMatchObject({ status: 'failed', error: { block_id: 'big', code: 'output_too_large' } });
    expect(result.error!.message).toContain('WEFT_MAX_OUTPUT_BYTES');
    // A console line may come first ("waiting for a sandbox" on a busy machine); what matters is that it failed.
    expect(typesOf(events, 'big').filter((type) => type !== 'block_log')).toEqual(['block_start', 'block_error']);
  });

  it('applies the same limit to any block, e.g. a large HTTP response', async () => {
    bigOutputs('50');
    const g = graph([inputBlock(), block('fetch', 'http', { url: `${baseUrl}/a-rather-long-path-that-makes-the-output-larger` }), outputBlock()], [edge('input', 'fetch'), edge('fetch', 'output')]);
    const { result } = await run(g);
    expect(result).toMatchObject({ status: 'failed', error: { block_id: 'fetch', code: 'output_too_large' } });
  });
});

describe('server limits on time and sandboxes', () => {
  afterEach(() => unsetEnv('WEFT_MAX_BLOCK_TIMEOUT_MS'));

  it('lowers a block timeout_ms above WEFT_MAX_BLOCK_TIMEOUT_MS to it', async () => {
    setEnv('WEFT_MAX_BLOCK_TIMEOUT_MS', '500');
    const g = graph([inputBlock(), code('spin', 'while (true) {}', { timeout_ms: 60_000 }), outputBlock()], [edge('input', 'spin'), edge('spin', 'output')]);
    const { result } = await run(g);
    // The sandbox's own clock and the block's race to the same 500 ms; either way the block stopped at the server's cap.
    expect(result).toMatchObject({ status: 'failed', error: { block_id: 'spin', code: expect.stringMatching(/^(block|code)_timeout$/) } });
    expect(result.error!.message).toContain('500 ms');
  });

  it("logs that a code block is waiting for a sandbox when the workspace's share is in use", async () => {
    const nap = 'await new Promise((r) => setTimeout(r, 1500)); return 1;';
    const g = graph(
      [inputBlock(), code('a', nap), code('b', nap), code('c', nap), outputBlock()],
      [edge('input', 'a'), edge('input', 'b'), edge('input', 'c'), edge('a', 'output'), edge('b', 'output'), edge('c', 'output')],
    );
    const { result, events } = await run(g);
    expect(result.status).toBe('completed');
    const waiting = events.filter((e) => e.type === 'block_log' && e.message.startsWith('Waiting for a sandbox'));
    expect(waiting.length).toBeGreaterThanOrEqual(1);
  });
});

describe('cancellation', () => {
  const cancelWhen = (blockId: string) => (events: EngineEventBody[], controller: AbortController) => {
    const last = events[events.length - 1];
    if (last.type === 'block_start' && last.block_id === blockId) {
      setTimeout(() => controller.abort({ code: 'cancelled', message: 'The execution was cancelled' } satisfies StopReason), 100);
    }
  };

  it('stops a running code block and ends the execution as cancelled', async () => {
    const g = graph([inputBlock(), code('sleepy', 'await new Promise((r) => setTimeout(r, 20000)); return 1'), outputBlock()], [edge('input', 'sleepy'), edge('sleepy', 'output')]);
    const started = Date.now();
    const { result } = await run(g, {}, cancelWhen('sleepy'));
    expect(result).toMatchObject({ status: 'cancelled', error: { code: 'cancelled' } });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('stops an HTTP request in flight', async () => {
    const g = graph([inputBlock(), block('fetch', 'http', { url: `${baseUrl}/hang` }), outputBlock()], [edge('input', 'fetch'), edge('fetch', 'output')]);
    const started = Date.now();
    const { result } = await run(g, {}, cancelWhen('fetch'));
    expect(result.status).toBe('cancelled');
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
