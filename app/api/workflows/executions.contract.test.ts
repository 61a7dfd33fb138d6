import { beforeAll, describe, expect, it } from 'vitest';
import { block, edge, graph, inputBlock, outputBlock } from '@/server/test/graphs';
import { isActive } from '@/lib/execution-states';
import type { Graph } from '@/lib/graph/schema';
import { setupTestDatabase } from '@/server/test/database';
import { createTestWorkspace, editorWorkspace, type TestWorkspace } from '@/server/test/fixtures';
import { api, apiJson, createWorkflowWithGraph, invalidGraphDetails, readSse } from '../_test/client';

// The execution part of ../shared/API.md: execute (sync and streamed), list, get, logs, replayed streams, cancel.

setupTestDatabase();
let ws: TestWorkspace;
let key: string;
beforeAll(async () => ({ ws, key } = await editorWorkspace()));

const workflowWith = (g: Graph) => createWorkflowWithGraph(key, g, 'Runner');

const shout = () =>
  graph(
    [inputBlock('input', { fields: [{ name: 'text', type: 'string', required: true }] }), block('shout', 'code', { code: 'console.log("shouting"); return input.text.toUpperCase() + "!"' }), outputBlock('output', { value: { loud: '{{shout}}' } })],
    [edge('input', 'shout'), edge('shout', 'output')],
  );

const sleeper = (ms: number) =>
  graph(
    [inputBlock(), block('nap', 'code', { code: `console.log("napping"); await new Promise((r) => setTimeout(r, ${ms})); return "rested"` }), outputBlock('output', { value: '{{nap}}' })],
    [edge('input', 'nap'), edge('nap', 'output')],
  );

const ISO = expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/);

describe('POST /api/workflows/{id}/execute', () => {
  it('runs the workflow and answers 200 with the finished Execution', async () => {
    const id = await workflowWith(shout());
    const res = await apiJson('POST', `/api/workflows/${id}/execute`, { key, body: { input: { text: 'hello' } } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: expect.any(String),
      workflow_id: id,
      version: 2,
      ran_draft: true,
      status: 'completed',
      trigger: 'api',
      trigger_id: null,
      input: { text: 'hello' },
      output: { loud: 'HELLO!' },
      error: null,
      block_outputs: { input: { text: 'hello' }, shout: 'HELLO!', output: { loud: 'HELLO!' } },
      started_at: ISO,
      completed_at: ISO,
      duration_ms: expect.any(Number),
      created_at: ISO,
      usage: null,
      cost_usd: 0,
      parent_execution_id: null,
      parent_block_id: null,
      waiting_on: null,
      queue_position: null,
      source_execution_id: null,
      reruns: [],
    });
  });

  it('accepts "variables" as an alias of "input", and an empty body as no input', async () => {
    const id = await workflowWith(shout());
    expect((await apiJson('POST', `/api/workflows/${id}/execute`, { key, body: { variables: { text: 'hi' } } })).body).toMatchObject({ output: { loud: 'HI!' } });
    const empty = await apiJson('POST', `/api/workflows/${id}/execute`, { key });
    expect(empty.status).toBe(400);
    expect(empty.body).toEqual({ error: expect.any(String), code: 'validation_error', details: [{ path: 'input.text', message: 'is required' }] });
  });

  it('checks the input against the typed fields before anything runs: every wrong field in details, defaults filled in', async () => {
    const fields = [
      { name: 'count', type: 'integer', required: true },
      { name: 'ratio', type: 'number' },
      { name: 'tags', type: 'array' },
      { name: 'meta', type: 'object' },
      { name: 'loud', type: 'boolean', default: false },
      { name: 'tone', type: 'string', enum: ['calm', 'angry'], default: 'calm', description: 'How to answer' },
    ];
    const id = await workflowWith(graph([inputBlock('input', { fields }), outputBlock('output', { value: '{{input}}' })], [edge('input', 'output')]));
    const wrong = await apiJson('POST', `/api/workflows/${id}/execute`, {
      key,
      body: { input: { count: 1.5, ratio: 'high', tags: { a: 1 }, meta: [1], loud: 'yes', tone: 'shouty' } },
    });
    expect(wrong).toMatchObject({
      status: 400,
      body: {
        code: 'validation_error',
        details: [
          { path: 'input.count', message: 'must be an integer, not a non-integer number' },
          { path: 'input.ratio', message: 'must be a number, not a string' },
          { path: 'input.tags', message: 'must be an array, not an object' },
          { path: 'input.meta', message: 'must be an object, not an array' },
          { path: 'input.loud', message: 'must be a boolean, not a string' },
          { path: 'input.tone', message: 'must be one of "calm", "angry"' },
        ],
      },
    });
    const listed = await apiJson<{ total: number }>('GET', `/api/workflows/${id}/executions`, { key });
    expect(listed.body.total).toBe(0);

    const right = await apiJson('POST', `/api/workflows/${id}/execute`, { key, body: { input: { count: 3, tags: ['x'], extra: 'kept' } } });
    expect(right.body).toMatchObject({ status: 'completed', input: { count: 3, tags: ['x'], extra: 'kept', loud: false, tone: 'calm' } });
    expect(right.body.output).toEqual({ count: 3, tags: ['x'], extra: 'kept', loud: false, tone: 'calm' });
  });

  it('refuses a default or enum value that does not fit the field type as an invalid graph', async () => {
    const bad = graph([inputBlock('input', { fields: [{ name: 'n', type: 'integer', default: 'ten', enum: [1, 'two'] }] }), outputBlock()], [edge('input', 'output')]);
    expect(await invalidGraphDetails(key, bad)).toMatchObject([
      { block_id: 'input', field: 'config.fields.0.enum.1', message: expect.stringContaining('must be an integer') },
      { block_id: 'input', field: 'config.fields.0.default', message: expect.stringContaining('must be an integer') },
    ]);
  });

  it('answers 200 with status "failed" and the error when a block fails', async () => {
    const id = await workflowWith(graph([inputBlock(), block('boom', 'code', { code: 'throw new Error("kaput")' }), outputBlock()], [edge('input', 'boom'), edge('boom', 'output')]));
    const res = await apiJson('POST', `/api/workflows/${id}/execute`, { key, body: { input: {} } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'failed', output: null, error: { message: expect.stringContaining('kaput'), block_id: 'boom', code: expect.any(String) } });
  });

  it('refuses an invalid draft graph with 400 invalid_graph and runs nothing', async () => {
    const created = await apiJson<{ id: string }>('POST', '/api/workflows', { key, body: { name: 'Empty' } });
    const res = await apiJson('POST', `/api/workflows/${created.body.id}/execute`, { key, body: { input: {} } });
    expect(res).toMatchObject({ status: 400, body: { code: 'invalid_graph' } });
    expect((await apiJson<{ total: number }>('GET', `/api/workflows/${created.body.id}/executions`, { key })).body.total).toBe(0);
  });

  it('refuses an input that is not an object with 400 validation_error', async () => {
    const id = await workflowWith(shout());
    const res = await apiJson('POST', `/api/workflows/${id}/execute`, { key, body: { input: 'text' } });
    expect(res).toMatchObject({ status: 400, body: { code: 'validation_error', details: [expect.objectContaining({ path: 'input' })] } });
  });

  it('answers 404 workflow_not_found for an unknown workflow', async () => {
    const res = await apiJson('POST', '/api/workflows/nope/execute', { key, body: {} });
    expect(res).toMatchObject({ status: 404, body: { code: 'workflow_not_found' } });
  });
});

describe('executions, their logs and the list', () => {
  it('lists newest first with the pagination wrapper and a status filter, without block_outputs', async () => {
    const id = await workflowWith(
      graph(
        [inputBlock(), block('shout', 'code', { code: 'if (input.text === "boom") throw new Error("boom"); return input.text' }), outputBlock()],
        [edge('input', 'shout'), edge('shout', 'output')],
      ),
    );
    const first = (await apiJson<{ id: string }>('POST', `/api/workflows/${id}/execute`, { key, body: { input: { text: 'a' } } })).body.id;
    const failed = (await apiJson<{ id: string }>('POST', `/api/workflows/${id}/execute`, { key, body: { input: { text: 'boom' } } })).body.id;
    const list = await apiJson<{ executions: Record<string, unknown>[]; total: number; limit: number; offset: number }>('GET', `/api/workflows/${id}/executions`, { key });
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ total: 2, limit: 50, offset: 0 });
    expect(list.body.executions.map((e) => e.id)).toEqual([failed, first]);
    expect(list.body.executions[0]).not.toHaveProperty('block_outputs');
    const onlyFailed = await apiJson<{ executions: { id: string }[]; total: number }>('GET', `/api/workflows/${id}/executions?status=failed`, { key });
    expect(onlyFailed.body.executions.map((e) => e.id)).toEqual([failed]);
    expect((await apiJson('GET', `/api/workflows/${id}/executions?status=exploded`, { key })).body).toMatchObject({ code: 'validation_error' });
    expect((await apiJson('GET', `/api/workflows/${id}/executions?limit=0`, { key })).status).toBe(400);
  });

  it('gets one execution and its block logs in execution order with console lines', async () => {
    const id = await workflowWith(shout());
    const eid = (await apiJson<{ id: string }>('POST', `/api/workflows/${id}/execute`, { key, body: { input: { text: 'yo' } } })).body.id;
    expect((await apiJson('GET', `/api/workflows/${id}/executions/${eid}`, { key })).body).toMatchObject({ id: eid, status: 'completed', block_outputs: { shout: 'YO!' } });
    const logs = await apiJson<{ block_logs: Record<string, unknown>[] }>('GET', `/api/workflows/${id}/executions/${eid}/logs`, { key });
    expect(logs.status).toBe(200);
    expect(logs.body.block_logs.map((l) => l.block_id)).toEqual(['input', 'shout', 'output']);
    expect(logs.body.block_logs[1]).toEqual({
      block_id: 'shout',
      block_type: 'code',
      block_name: null,
      status: 'success',
      input: expect.objectContaining({ code: expect.any(String) }),
      output: 'YO!',
      error: null,
      started_at: ISO,
      completed_at: ISO,
      duration_ms: expect.any(Number),
      execution_order: 2,
      attempts: 1,
      usage: null,
      cost_usd: 0,
      console: [{ level: 'log', message: 'shouting', at: ISO }],
      iteration: null,
    });
    expect(logs.body.block_logs[2]).toMatchObject({ input: expect.objectContaining({ value: { loud: 'YO!' } }) });
  });

  it('answers 404 execution_not_found for an unknown execution, and for one of another workflow', async () => {
    const id = await workflowWith(shout());
    const other = await workflowWith(shout());
    const eid = (await apiJson<{ id: string }>('POST', `/api/workflows/${other}/execute`, { key, body: { input: { text: 'x' } } })).body.id;
    for (const path of [`/api/workflows/${id}/executions/nope`, `/api/workflows/${id}/executions/${eid}`, `/api/workflows/${id}/executions/${eid}/logs`]) {
      const res = await apiJson('GET', path, { key });
      expect(res.status, path).toBe(404);
      expect(res.body).toMatchObject({ code: 'execution_not_found' });
    }
  });
});

describe('POST .../executions/{eid}/rerun', () => {
  it('re-runs with an edited input on the graph that ran, linking the re-run and its source both ways', async () => {
    const id = await workflowWith(shout());
    const source = (await apiJson<{ id: string; version: number }>('POST', `/api/workflows/${id}/execute`, { key, body: { input: { text: 'first' } } })).body;
    // The draft changes after the run: "ran" must still run the old graph.
    const quiet = graph([inputBlock('input', { fields: [{ name: 'text', type: 'string', required: true }] }), block('shout', 'code', { code: 'return input.text.toLowerCase()' }), outputBlock('output', { value: { loud: '{{shout}}' } })], [edge('input', 'shout'), edge('shout', 'output')]);
    expect((await apiJson('PUT', `/api/workflows/${id}/graph`, { key, body: quiet })).status).toBe(200);

    const ran = await apiJson('POST', `/api/workflows/${id}/executions/${source.id}/rerun`, { key, body: { input: { text: 'Edited' }, version: 'ran' } });
    expect(ran.status).toBe(200);
    expect(ran.body).toMatchObject({ status: 'completed', trigger: 'api', version: source.version, input: { text: 'Edited' }, output: { loud: 'EDITED!' }, source_execution_id: source.id, reruns: [] });
    const draft = await apiJson<{ id: string }>('POST', `/api/workflows/${id}/executions/${source.id}/rerun`, { key, body: { input: { text: 'Edited' }, version: 'draft' } });
    expect(draft.body).toMatchObject({ status: 'completed', output: { loud: 'edited' }, source_execution_id: source.id });
    // An empty body re-runs it as it ran.
    const same = await apiJson<{ id: string }>('POST', `/api/workflows/${id}/executions/${source.id}/rerun`, { key });
    expect(same.body).toMatchObject({ input: { text: 'first' }, output: { loud: 'FIRST!' } });

    const got = await apiJson<{ reruns: { id: string }[]; source_execution_id: string | null }>('GET', `/api/workflows/${id}/executions/${source.id}`, { key });
    expect(got.body.source_execution_id).toBeNull();
    expect(got.body.reruns.map((rerun) => rerun.id)).toEqual([same.body.id, draft.body.id, (ran.body as { id: string }).id]);
    const listed = await apiJson<{ executions: { id: string; source_execution_id: string | null }[] }>('GET', `/api/workflows/${id}/executions`, { key });
    expect(listed.body.executions.find((e) => e.id === draft.body.id)?.source_execution_id).toBe(source.id);
  });

  it('answers 400 validation_error to input that does not fit the chosen graph, to an unknown version and to unknown fields', async () => {
    const id = await workflowWith(shout());
    const eid = (await apiJson<{ id: string }>('POST', `/api/workflows/${id}/execute`, { key, body: { input: { text: 'x' } } })).body.id;
    const wrongType = await apiJson('POST', `/api/workflows/${id}/executions/${eid}/rerun`, { key, body: { input: { text: 42 } } });
    expect(wrongType).toMatchObject({ status: 400, body: { code: 'validation_error', details: [{ path: 'input.text', message: expect.any(String) }] } });
    for (const body of [{ version: 'latest' }, { inputs: { text: 'x' } }, { input: 'x' }, '{not json']) {
      const res = await apiJson('POST', `/api/workflows/${id}/executions/${eid}/rerun`, { key, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body).toMatchObject({ code: 'validation_error' });
    }
    expect((await apiJson<{ total: number }>('GET', `/api/workflows/${id}/executions`, { key })).body.total).toBe(1);
  });

  it('answers 404 for an execution of another workspace or another workflow, and 403 to a viewer', async () => {
    const id = await workflowWith(shout());
    const other = await workflowWith(shout());
    const eid = (await apiJson<{ id: string }>('POST', `/api/workflows/${id}/execute`, { key, body: { input: { text: 'x' } } })).body.id;
    const stranger = await createTestWorkspace('Stranger');
    const theirs = await apiJson('POST', `/api/workflows/${id}/executions/${eid}/rerun`, { key: stranger.keys.owner, body: {} });
    expect(theirs).toMatchObject({ status: 404, body: { code: 'workflow_not_found' } });
    const elsewhere = await apiJson('POST', `/api/workflows/${other}/executions/${eid}/rerun`, { key, body: {} });
    expect(elsewhere).toMatchObject({ status: 404, body: { code: 'execution_not_found' } });
    expect((await apiJson('POST', `/api/workflows/${id}/executions/${eid}/rerun`, { key: ws.keys.viewer, body: {} })).status).toBe(403);
  });
});

describe('streamed execution', () => {
  it('streams every event in order with increasing ids, ending with done', async () => {
    const id = await workflowWith(shout());
    const res = await api('POST', `/api/workflows/${id}/execute/stream`, { key, body: { input: { text: 'hey' } } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(res.headers.get('cache-control')).toMatch(/no-cache/);
    expect(res.headers.get('x-accel-buffering')).toBe('no');
    const events = await readSse(res);
    expect(events.map((e) => e.id)).toEqual(events.map((_, i) => i + 1));
    expect(events.map((e) => `${e.event}${e.data.block_id ? `:${e.data.block_id}` : ''}`)).toEqual([
      'execution_start',
      'block_start:input',
      'block_complete:input',
      'block_start:shout',
      'block_log:shout',
      'block_complete:shout',
      'block_start:output',
      'block_complete:output',
      'done',
    ]);
    const executionId = events[0].data.execution_id;
    for (const event of events) expect(event.data).toMatchObject({ type: event.event, execution_id: executionId, at: ISO });
    expect(events[0].data).toMatchObject({ workflow_id: id, started_at: ISO });
    expect(events[4].data).toMatchObject({ level: 'log', message: 'shouting' });
    expect(events[5].data).toMatchObject({ block_type: 'code', data: { output: 'HEY!' }, duration_ms: expect.any(Number) });
    expect(events[8].data).toMatchObject({ status: 'completed', output: { loud: 'HEY!' }, duration_ms: expect.any(Number) });
  });

  it('ends with an error event when the execution fails', async () => {
    const id = await workflowWith(graph([inputBlock(), block('boom', 'code', { code: 'throw new Error("no")' }), outputBlock()], [edge('input', 'boom'), edge('boom', 'output')]));
    const events = await readSse(await api('POST', `/api/workflows/${id}/execute/stream`, { key, body: {} }));
    expect(events.map((e) => e.event).slice(-2)).toEqual(['block_error', 'error']);
    expect(events.at(-1)!.data).toMatchObject({ error: expect.stringContaining('no'), code: expect.any(String) });
  });

  it('replays exactly the missed events to a client reconnecting with Last-Event-ID mid-run', async () => {
    const id = await workflowWith(sleeper(600));
    const first = await readSse(await api('POST', `/api/workflows/${id}/execute/stream`, { key, body: {} }), (e) => e.event === 'block_log');
    const executionId = first[0].data.execution_id as string;
    const lastId = first.at(-1)!.id;
    const rest = await readSse(await api('GET', `/api/workflows/${id}/executions/${executionId}/stream`, { key, headers: { 'last-event-id': String(lastId) } }));
    expect(rest[0].id).toBe(lastId + 1);
    const all = [...first, ...rest];
    expect(all.map((e) => e.id)).toEqual(all.map((_, i) => i + 1));
    expect(rest.at(-1)!.event).toBe('done');
  });

  it('keeps running when the client disconnects, and the full stream can be replayed from the database later', async () => {
    const id = await workflowWith(sleeper(300));
    const first = await readSse(await api('POST', `/api/workflows/${id}/execute/stream`, { key, body: {} }), (e) => e.event === 'block_start');
    const executionId = first[0].data.execution_id as string;
    // Wait for the run to end on its own.
    for (let i = 0; i < 50; i++) {
      const { body } = await apiJson<{ status: string }>('GET', `/api/workflows/${id}/executions/${executionId}`, { key });
      if (body.status !== 'running') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect((await apiJson('GET', `/api/workflows/${id}/executions/${executionId}`, { key })).body).toMatchObject({ status: 'completed', output: 'rested' });
    const replay = await readSse(await api('GET', `/api/workflows/${id}/executions/${executionId}/stream`, { key }));
    expect(replay.map((e) => e.event)).toEqual(['execution_start', 'block_start', 'block_complete', 'block_start', 'block_log', 'block_complete', 'block_start', 'block_complete', 'done']);
  });
});

describe('streams for EventSource clients', () => {
  it('begins every stream with a retry: 3000 line, before the first event', async () => {
    const id = await workflowWith(shout());
    const res = await api('POST', `/api/workflows/${id}/execute/stream`, { key, body: { input: { text: 'hey' } } });
    const text = await res.text();
    expect(text.startsWith('retry: 3000\n\n')).toBe(true);
    const executionId = /"execution_id":"([^"]+)"/.exec(text)![1];
    const replay = await api('GET', `/api/workflows/${id}/executions/${executionId}/stream`, { key, headers: { 'last-event-id': '2' } });
    expect(replay.status).toBe(200);
    expect((await replay.text()).split('\n')[0]).toBe('retry: 3000');
  });

  it('answers 204 to a reconnect at or past the last event of an ended execution, so EventSource stops', async () => {
    const id = await workflowWith(shout());
    const events = await readSse(await api('POST', `/api/workflows/${id}/execute/stream`, { key, body: { input: { text: 'hey' } } }));
    const executionId = events[0].data.execution_id as string;
    const last = events.at(-1)!.id;
    // The stream shows `done` as it happens; the row says the execution ended a moment later (EventSource waits the
    // 3 s `retry` before it reconnects).
    for (let i = 0; i < 100; i++) {
      const { body } = await apiJson<{ status: string }>('GET', `/api/workflows/${id}/executions/${executionId}`, { key });
      if (!isActive(body.status)) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const stream = (lastEventId: number) =>
      api('GET', `/api/workflows/${id}/executions/${executionId}/stream`, { key, headers: { 'last-event-id': String(lastEventId) } });

    for (const seen of [last, last + 5]) {
      const res = await stream(seen);
      expect(res.status, `Last-Event-ID ${seen}`).toBe(204);
      expect(await res.text()).toBe('');
    }
    const behind = await readSse(await stream(last - 1));
    expect(behind.map((e) => e.id)).toEqual([last]);
    expect((await readSse(await stream(0))).length).toBe(last);
  });
});

describe('POST .../cancel', () => {
  it('cancels a running execution, aborting its running block, and answers the cancelled Execution', async () => {
    const id = await workflowWith(sleeper(20_000));
    const first = await readSse(await api('POST', `/api/workflows/${id}/execute/stream`, { key, body: {} }), (e) => e.event === 'block_log');
    const executionId = first[0].data.execution_id as string;
    const started = Date.now();
    const res = await apiJson('POST', `/api/workflows/${id}/executions/${executionId}/cancel`, { key });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: executionId, status: 'cancelled', error: { code: 'cancelled' } });
    expect(Date.now() - started).toBeLessThan(5_000);
    const rest = await readSse(await api('GET', `/api/workflows/${id}/executions/${executionId}/stream`, { key, headers: { 'last-event-id': String(first.at(-1)!.id) } }));
    expect(rest.at(-1)).toMatchObject({ event: 'error', data: { code: 'cancelled' } });
  });

  it('answers 409 for an execution that has already ended', async () => {
    const id = await workflowWith(shout());
    const eid = (await apiJson<{ id: string }>('POST', `/api/workflows/${id}/execute`, { key, body: { input: { text: 'x' } } })).body.id;
    const res = await apiJson('POST', `/api/workflows/${id}/executions/${eid}/cancel`, { key });
    expect(res).toMatchObject({ status: 409, body: { code: 'execution_finished' } });
  });
});

describe('hostile code', () => {
  it('fails its own block while the server keeps answering /api/health during and after', async () => {
    const id = await workflowWith(
      graph(
        [inputBlock(), block('spin', 'code', { code: 'while (true) {}', timeout_ms: 1500 }), block('hog', 'code', { code: 'const a = []; for (;;) a.push("x".repeat(1e6));' }), outputBlock()],
        [edge('input', 'spin'), edge('input', 'hog'), edge('spin', 'output'), edge('hog', 'output')],
      ),
    );
    const running = apiJson('POST', `/api/workflows/${id}/execute`, { key, body: {} });
    const healthChecks: number[] = [];
    for (let i = 0; i < 5; i++) {
      await new Promise((r) => setTimeout(r, 150));
      healthChecks.push((await api('GET', '/api/health')).status);
    }
    const res = await running;
    expect(healthChecks).toEqual([200, 200, 200, 200, 200]);
    expect(res.body).toMatchObject({ status: 'failed', error: { block_id: expect.stringMatching(/spin|hog/) } });
    expect((await api('GET', '/api/health')).status).toBe(200);
  });
});
