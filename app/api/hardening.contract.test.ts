import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Graph } from '@/lib/graph/schema';
import { block, edge, graph, inputBlock, outputBlock } from '@/server/test/graphs';
import { setStartupState } from '@/server/startup-state';
import { setupTestDatabase } from '@/server/test/database';
import { createTestWorkspace } from '@/server/test/fixtures';
import { apiJson, createWorkflowWithGraph } from './_test/client';
import * as trpcRoute from './trpc/[trpc]/route';
import { setEnv, unsetEnv } from '@/server/test/env';

// Bad input of every kind answers the contract's JSON 4xx, and text the database cannot hold never loses a run.

setupTestDatabase();
let key: string;
beforeAll(async () => void (key = (await createTestWorkspace()).keys.editor));

const workflowWith = (g: Graph) => createWorkflowWithGraph(key, g, 'Hardened');

const deep = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const echo = () => graph([inputBlock(), outputBlock('output', { value: '{{input}}' })], [edge('input', 'output')]);

describe('deeply nested JSON', () => {
  it('is refused with 400 validation_error on every JSON route instead of overflowing the stack', async () => {
    const id = await workflowWith(echo());
    const body = `{"input": {"x": ${deep(5000)}}}`;
    for (const [method, path] of [
      ['POST', '/api/workflows'],
      ['PUT', `/api/workflows/${id}/graph`],
      ['PATCH', `/api/workflows/${id}`],
      ['POST', `/api/workflows/${id}/execute`],
      ['POST', '/api/workflows/import'],
    ]) {
      const res = await apiJson(method, path, { key, body });
      expect(res.status, path).toBe(400);
      expect(res.body, path).toMatchObject({ code: 'validation_error', error: expect.stringMatching(/deeper than 256/) });
    }
  });

  it('is accepted at a sane depth', async () => {
    const id = await workflowWith(echo());
    const res = await apiJson('POST', `/api/workflows/${id}/execute`, { key, body: `{"input": {"x": ${deep(100)}}}` });
    expect(res.status).toBe(200);
  });
});

describe('path ids', () => {
  it('answer a JSON 400 for %00 instead of a database error', async () => {
    for (const path of ['/api/workflows/%00', '/api/workflows/a%00b/executions', '/api/webhooks/%00']) {
      const res = await apiJson(path.startsWith('/api/webhooks') ? 'POST' : 'GET', path, { key });
      expect(res.status, path).toBe(400);
      expect(res.body, path).toMatchObject({ code: 'validation_error' });
    }
  });
});

describe('text PostgreSQL cannot store', () => {
  it('is refused in execute input and graphs with 400 validation_error', async () => {
    const id = await workflowWith(echo());
    for (const text of ['a\u0000b', 'lone \ud800 surrogate', 'lone \udc00 low']) {
      const run = await apiJson('POST', `/api/workflows/${id}/execute`, { key, body: { input: { text } } });
      expect(run.status, JSON.stringify(text)).toBe(400);
      expect(run.body).toMatchObject({ code: 'validation_error', details: [{ path: 'input.text' }] });
      const saved = await apiJson('PUT', `/api/workflows/${id}/graph`, { key, body: graph([inputBlock(), outputBlock('output', { value: text })], [edge('input', 'output')]) });
      expect(saved.status).toBe(400);
    }
    // A correctly paired surrogate (an emoji) is fine.
    expect((await apiJson('POST', `/api/workflows/${id}/execute`, { key, body: { input: { text: 'ok 😀' } } })).status).toBe(200);
  });

  it('returned by a block is stored with U+FFFD, the run completes and its log says so', async () => {
    const id = await workflowWith(
      graph(
        [inputBlock(), block('bad', 'code', { code: 'return { text: "a" + String.fromCharCode(0) + "b" + String.fromCharCode(0xd800) + "c", ["k" + String.fromCharCode(0)]: 1 }' }), outputBlock('output', { value: '{{bad}}' })],
        [edge('input', 'bad'), edge('bad', 'output')],
      ),
    );
    const run = await apiJson<{ id: string; status: string; output: unknown }>('POST', `/api/workflows/${id}/execute`, { key, body: {} });
    expect(run.status).toBe(200);
    expect(run.body).toMatchObject({ status: 'completed', output: { text: 'a\uFFFDb\uFFFDc', 'k\uFFFD': 1 } });
    const logs = await apiJson<{ block_logs: { block_id: string; output: unknown; console: { message: string }[] }[] }>(
      'GET',
      `/api/workflows/${id}/executions/${run.body.id}/logs`,
      { key },
    );
    const bad = logs.body.block_logs.find((log) => log.block_id === 'bad')!;
    expect(bad.output).toEqual({ text: 'a\uFFFDb\uFFFDc', 'k\uFFFD': 1 });
    expect(bad.console.at(-1)?.message).toMatch(/replaced by U\+FFFD/);
  });
});

describe('POST …/execute', () => {
  it('refuses unknown keys (a mistyped "inputs" must not run with empty input) and keeps the variables alias', async () => {
    const id = await workflowWith(echo());
    const wrong = await apiJson('POST', `/api/workflows/${id}/execute`, { key, body: { inputs: { a: 1 } } });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ code: 'validation_error' });
    const alias = await apiJson('POST', `/api/workflows/${id}/execute`, { key, body: { variables: { a: 1 } } });
    expect(alias.body).toMatchObject({ status: 'completed', output: { a: 1 } });
  });
});

describe('list filters', () => {
  it('match % and _ in q literally', async () => {
    const marker = `m${Date.now()}`;
    for (const name of [`${marker} 100% sure`, `${marker} 100 sure`, `${marker} a_b`, `${marker} axb`]) {
      await apiJson('POST', '/api/workflows', { key, body: { name } });
    }
    const names = async (q: string) =>
      (await apiJson<{ workflows: { name: string }[] }>('GET', `/api/workflows?q=${encodeURIComponent(q)}`, { key })).body.workflows.map((w) => w.name);
    expect(await names(`${marker} 100%`)).toEqual([`${marker} 100% sure`]);
    expect(await names(`${marker} a_b`)).toEqual([`${marker} a_b`]);
  });

  it('treat an empty value (?status=) as no filter', async () => {
    const id = await workflowWith(echo());
    await apiJson('POST', `/api/workflows/${id}/execute`, { key, body: {} });
    const res = await apiJson<{ total: number }>('GET', `/api/workflows/${id}/executions?status=`, { key });
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(1);
    expect((await apiJson('GET', '/api/workflows?q=&sort=', { key })).status).toBe(200);
  });
});

describe('block ids', () => {
  it('refuse __proto__ as a block id with a clear problem', async () => {
    const created = await apiJson<{ id: string }>('POST', '/api/workflows', { key, body: { name: 'Proto' } });
    const g = graph([inputBlock(), block('__proto__', 'code', { code: 'return 1' }), outputBlock()], [edge('input', '__proto__'), edge('__proto__', 'output')]);
    const res = await apiJson('PUT', `/api/workflows/${created.body.id}/graph`, { key, body: g });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'invalid_graph', details: expect.arrayContaining([expect.objectContaining({ block_id: '__proto__', message: expect.stringMatching(/reserved/) })]) });
  });
});

describe('GET /api/health', () => {
  it('answers 503 {"status":"starting"} until the server has finished starting', async () => {
    setStartupState('starting');
    try {
      const starting = await apiJson('GET', '/api/health');
      expect(starting.status).toBe(503);
      expect(starting.body).toMatchObject({ status: 'starting' });
    } finally {
      setStartupState('ready');
    }
    expect((await apiJson('GET', '/api/health')).status).toBe(200);
  });
});

describe('tRPC', () => {
  const trpc = (body: string) =>
    trpcRoute.POST(
      new Request('http://weft.test/api/trpc/workflows.create', {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body,
      }),
    );

  afterEach(() => unsetEnv('WEFT_MAX_BODY_BYTES'));

  it('has the same body size and nesting limits as REST', async () => {
    setEnv('WEFT_MAX_BODY_BYTES', '1000');
    // superjson's envelope, as the browser client sends it
    const big = await trpc(JSON.stringify({ json: { name: 'x'.repeat(2000) } }));
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ code: 'payload_too_large' });
    const deepBody = await trpc(`{"json": {"name": ${'['.repeat(400)}${']'.repeat(400)}}}`);
    expect(deepBody.status).toBe(400);
    const fine = await trpc(JSON.stringify({ json: { name: 'Small' } }));
    expect(fine.status).toBe(200);
  });
});

describe('output templates', () => {
  it('keep the order of the keys as the author wrote them, in the saved graph, the output and the logs', async () => {
    const value = { zebra: '{{input.a}}', apple: 1, mid: { zz: 1, a: 2, b: 3 } };
    const id = await workflowWith(graph([inputBlock(), outputBlock('output', { value })], [edge('input', 'output')]));
    const saved = await apiJson<Graph>('GET', `/api/workflows/${id}`, { key });
    expect(JSON.stringify(saved.body.blocks[1].config.value)).toBe(JSON.stringify(value));
    const run = await apiJson<{ id: string; output: unknown }>('POST', `/api/workflows/${id}/execute`, { key, body: { input: { a: 'A' } } });
    const expected = '{"zebra":"A","apple":1,"mid":{"zz":1,"a":2,"b":3}}';
    expect(JSON.stringify(run.body.output)).toBe(expected);
    expect(JSON.stringify((await apiJson<{ output: unknown }>('GET', `/api/workflows/${id}/executions/${run.body.id}`, { key })).body.output)).toBe(expected);
    const logs = await apiJson<{ block_logs: { block_id: string; output: unknown }[] }>('GET', `/api/workflows/${id}/executions/${run.body.id}/logs`, { key });
    expect(JSON.stringify(logs.body.block_logs.find((log) => log.block_id === 'output')!.output)).toBe(expected);
  });
});
