import { beforeAll, describe, expect, it } from 'vitest';
import { block, chain, edge, graph, inputBlock, outputBlock } from '@/server/test/graphs';
import { setupTestDatabase } from '@/server/test/database';
import { createTestWorkspace } from '@/server/test/fixtures';
import { api, apiJson } from '../_test/client';

// The workflows and graphs part of ../shared/API.md, route by route and error code by error code.

setupTestDatabase();
let key: string;
beforeAll(async () => void (key = (await createTestWorkspace()).keys.editor));

const validGraph = () => {
  const g = chain(block('shout', 'code', { code: 'return String(input.text).toUpperCase();' }));
  g.blocks[2].config = { value: '{{shout}}' };
  return g;
};

async function create(name = 'My Workflow', description?: string) {
  const res = await apiJson('POST', '/api/workflows', { key, body: { name, ...(description ? { description } : {}) } });
  expect(res.status).toBe(201);
  return res.body as { id: string; version: number };
}

const ISO = expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);

describe('POST /api/workflows', () => {
  it('creates a workflow with an empty graph and answers 201 with the full Workflow', async () => {
    const res = await apiJson('POST', '/api/workflows', { key, body: { name: 'My Workflow', description: 'optional' } });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      name: 'My Workflow',
      description: 'optional',
      version: 1,
      deployed: false,
      deployed_at: null,
      created_at: ISO,
      updated_at: ISO,
      block_count: 0,
      execution_count: 0,
      last_execution_at: null,
      last_execution_id: null,
      last_execution_status: null,
      blocks: [],
      edges: [],
    });
  });

  it.each([
    ['no name', {}, 'name'],
    ['an empty name', { name: '   ' }, 'name'],
    ['a name of the wrong type', { name: 42 }, 'name'],
    ['an unknown field', { name: 'x', colour: 'red' }, ''],
    ['a description of the wrong type', { name: 'x', description: 7 }, 'description'],
  ])('refuses %s with 400 validation_error and the path', async (_what, body, path) => {
    const res = await apiJson('POST', '/api/workflows', { key, body });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'validation_error', error: expect.any(String) });
    expect((res.body as { details: { path: string }[] }).details.map((d) => d.path)).toContain(path);
  });

  it('refuses malformed JSON with 400 validation_error', async () => {
    const res = await apiJson('POST', '/api/workflows', { key, body: '{"name": ' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'validation_error' });
  });

  it('refuses a JSON value that is not an object', async () => {
    for (const body of ['[]', '"name"', 'null', '12']) {
      const res = await apiJson('POST', '/api/workflows', { key, body });
      expect(res.status, body).toBe(400);
      expect(res.body).toMatchObject({ code: 'validation_error' });
    }
  });

  it('refuses a body over the limit with 413 payload_too_large', async () => {
    const res = await apiJson('POST', '/api/workflows', { key, body: { name: 'x', description: 'y'.repeat(1024 * 1024 + 10) } });
    expect(res.status).toBe(413);
    expect(res.body).toEqual({ error: expect.any(String), code: 'payload_too_large' });
  });
});

describe('GET /api/workflows', () => {
  let names: string[];
  beforeAll(async () => {
    names = [];
    for (let i = 0; i < 5; i++) {
      names.push(`Listed ${i}`);
      await create(`Listed ${i}`);
    }
  });

  it('lists newest updated first with the pagination wrapper and summaries without graphs', async () => {
    const res = await apiJson<{ workflows: Record<string, unknown>[]; total: number; limit: number; offset: number }>('GET', '/api/workflows?q=Listed', { key });
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(5);
    expect(res.body.limit).toBe(50);
    expect(res.body.offset).toBe(0);
    expect(res.body.workflows.map((w) => w.name)).toEqual([...names].reverse());
    expect(Object.keys(res.body.workflows[0]).sort()).toEqual(
      ['block_count', 'created_at', 'deployed', 'deployed_at', 'description', 'execution_count', 'id', 'last_execution_at', 'last_execution_id', 'last_execution_status', 'name', 'updated_at', 'version'].sort(),
    );
  });

  it('pages with limit and offset, and an offset past the end is an empty page', async () => {
    const page = await apiJson<{ workflows: { name: string }[]; total: number }>('GET', '/api/workflows?q=Listed&limit=2&offset=1', { key });
    expect(page.body.workflows.map((w) => w.name)).toEqual(['Listed 3', 'Listed 2']);
    expect(page.body.total).toBe(5);
    const past = await apiJson<{ workflows: unknown[]; total: number; offset: number }>('GET', '/api/workflows?q=Listed&offset=500', { key });
    expect(past.status).toBe(200);
    expect(past.body).toMatchObject({ workflows: [], total: 5, offset: 500 });
  });

  it('accepts limit 1 and 200', async () => {
    expect((await api('GET', '/api/workflows?limit=1', { key })).status).toBe(200);
    expect((await api('GET', '/api/workflows?limit=200', { key })).status).toBe(200);
  });

  it.each(['limit=0', 'limit=201', 'offset=-1', 'limit=abc', 'limit=1.5', 'offset=x'])('refuses %s with 400 validation_error', async (query) => {
    const res = await apiJson('GET', `/api/workflows?${query}`, { key });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'validation_error', details: [expect.objectContaining({ path: query.split('=')[0] })] });
  });

  it('sorts by name both ways with ?sort=, across pages', async () => {
    const asc = await apiJson<{ workflows: { name: string }[] }>('GET', '/api/workflows?q=Listed&sort=name&limit=2&offset=2', { key });
    expect(asc.body.workflows.map((w) => w.name)).toEqual(['Listed 2', 'Listed 3']);
    const desc = await apiJson<{ workflows: { name: string }[] }>('GET', '/api/workflows?q=Listed&sort=name-desc&limit=2', { key });
    expect(desc.body.workflows.map((w) => w.name)).toEqual(['Listed 4', 'Listed 3']);
    expect((await apiJson('GET', '/api/workflows?sort=size', { key })).status).toBe(400);
  });

  it('shows the newest execution of each workflow', async () => {
    const { id } = await create('Ran once');
    await api('PUT', `/api/workflows/${id}/graph`, { key, body: validGraph() });
    const run = await apiJson<{ id: string }>('POST', `/api/workflows/${id}/execute`, { key, body: { input: { text: 'x' } } });
    const listed = await apiJson<{ workflows: Record<string, unknown>[] }>('GET', '/api/workflows?q=Ran%20once', { key });
    expect(listed.body.workflows[0]).toMatchObject({ execution_count: 1, last_execution_id: run.body.id, last_execution_status: 'completed', last_execution_at: ISO });
  });

  it('filters by name, case-insensitively', async () => {
    const res = await apiJson<{ workflows: { name: string }[] }>('GET', '/api/workflows?q=listed%203', { key });
    expect(res.body.workflows.map((w) => w.name)).toEqual(['Listed 3']);
  });
});

describe('GET, PATCH and DELETE /api/workflows/{id}', () => {
  it('gets a workflow with its graph and an ETag of its version', async () => {
    const { id } = await create('Get me');
    const res = await api('GET', `/api/workflows/${id}`, { key });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('"1"');
    expect(await res.json()).toMatchObject({ id, name: 'Get me', blocks: [], edges: [] });
  });

  it('answers 404 workflow_not_found for an unknown id', async () => {
    for (const method of ['GET', 'PATCH', 'DELETE'] as const) {
      const res = await apiJson(method, '/api/workflows/00000000-0000-0000-0000-000000000000', { key, body: method === 'PATCH' ? { name: 'x' } : undefined });
      expect(res.status, method).toBe(404);
      expect(res.body).toEqual({ error: expect.any(String), code: 'workflow_not_found' });
    }
  });

  it('renames and redescribes with PATCH and leaves the version alone', async () => {
    const { id } = await create('Old name');
    const res = await apiJson('PATCH', `/api/workflows/${id}`, { key, body: { name: 'New name', description: 'Now described' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id, name: 'New name', description: 'Now described', version: 1 });
    const cleared = await apiJson('PATCH', `/api/workflows/${id}`, { key, body: { description: null } });
    expect(cleared.body).toMatchObject({ name: 'New name', description: null });
  });

  it('refuses a PATCH with unknown fields or wrong types', async () => {
    const { id } = await create();
    expect((await apiJson('PATCH', `/api/workflows/${id}`, { key, body: { version: 9 } })).body).toMatchObject({ code: 'validation_error' });
    expect((await apiJson('PATCH', `/api/workflows/${id}`, { key, body: { name: '' } })).body).toMatchObject({ code: 'validation_error' });
  });

  it('deletes with 204 and then the workflow is gone', async () => {
    const { id } = await create('Doomed');
    const res = await api('DELETE', `/api/workflows/${id}`, { key });
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
    expect((await api('GET', `/api/workflows/${id}`, { key })).status).toBe(404);
  });
});

describe('PUT /api/workflows/{id}/graph', () => {
  it('replaces the graph, increments the version and returns the Workflow', async () => {
    const { id } = await create();
    const g = validGraph();
    const res = await api('PUT', `/api/workflows/${id}/graph`, { key, body: g });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('"2"');
    const body = await res.json();
    expect(body).toMatchObject({ id, version: 2, block_count: 3, blocks: g.blocks, edges: g.edges });
    expect((await apiJson('GET', `/api/workflows/${id}`, { key })).body).toMatchObject({ version: 2, blocks: g.blocks, edges: g.edges });
  });

  it('rejects an invalid graph with 400 invalid_graph listing every problem, and saves nothing', async () => {
    const { id } = await create();
    await api('PUT', `/api/workflows/${id}/graph`, { key, body: validGraph() });
    const bad = graph(
      [inputBlock(), block('llm_1', 'llm', { model: 'gpt-4o-mini' }), block('lonely', 'code', { code: 'return 1' }), block('x', 'nope'), outputBlock()],
      [edge('input', 'llm_1', { id: 'e1' }), edge('llm_1', 'output', { id: 'e2' }), edge('output', 'ghost', { id: 'e3' })],
    );
    const res = await apiJson<{ code: string; details: Record<string, unknown>[] }>('PUT', `/api/workflows/${id}/graph`, { key, body: bad });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('invalid_graph');
    expect(res.body.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ block_id: 'llm_1', field: 'config.prompt' }),
        expect.objectContaining({ block_id: 'x', field: 'type' }),
        expect.objectContaining({ edge: 'e3' }),
        expect.objectContaining({ block_id: 'lonely' }),
      ]),
    );
    for (const detail of res.body.details) expect(Object.keys(detail).sort()).toEqual(['block_id', 'edge', 'field', 'message']);
    expect((await apiJson('GET', `/api/workflows/${id}`, { key })).body).toMatchObject({ version: 2, blocks: validGraph().blocks });
  });

  it('rejects a body that is not a graph with 400 validation_error', async () => {
    const { id } = await create();
    for (const body of [{}, { blocks: 'x', edges: [] }, { blocks: [{ id: 'a' }], edges: [] }, '[']) {
      const res = await apiJson('PUT', `/api/workflows/${id}/graph`, { key, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body).toMatchObject({ code: 'validation_error' });
    }
  });

  it('honours If-Match: the current version saves, a stale one answers 409 version_conflict and saves nothing', async () => {
    const { id } = await create();
    const ok = await api('PUT', `/api/workflows/${id}/graph`, { key, body: validGraph(), headers: { 'if-match': '"1"' } });
    expect(ok.status).toBe(200);
    const stale = await apiJson('PUT', `/api/workflows/${id}/graph`, { key, body: chain(), headers: { 'if-match': '"1"' } });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'version_conflict' });
    expect((await apiJson('GET', `/api/workflows/${id}`, { key })).body).toMatchObject({ version: 2, block_count: 3 });
    const garbage = await apiJson('PUT', `/api/workflows/${id}/graph`, { key, body: validGraph(), headers: { 'if-match': 'banana' } });
    expect(garbage.body).toMatchObject({ code: 'validation_error' });
  });

  it('lets exactly one of two concurrent saves with the same If-Match win', async () => {
    const { id } = await create();
    const results = await Promise.all(
      [0, 1].map(() => api('PUT', `/api/workflows/${id}/graph`, { key, body: validGraph(), headers: { 'if-match': '"1"' } })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect((await apiJson('GET', `/api/workflows/${id}`, { key })).body).toMatchObject({ version: 2 });
  });

  it('answers 404 for an unknown workflow', async () => {
    const res = await apiJson('PUT', '/api/workflows/nope/graph', { key, body: validGraph() });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'workflow_not_found' });
  });
});

describe('a deployed workflow', () => {
  it('refuses PUT graph, PATCH and DELETE with 409 already_deployed', async () => {
    const { id } = await create();
    await api('PUT', `/api/workflows/${id}/graph`, { key, body: validGraph() });
    const { db } = await import('@/server/db');
    await (await db()).workflow.update({ where: { id }, data: { deployedAt: new Date() } });
    for (const [method, path, body] of [
      ['PUT', `/api/workflows/${id}/graph`, validGraph()],
      ['PATCH', `/api/workflows/${id}`, { name: 'x' }],
      ['DELETE', `/api/workflows/${id}`, undefined],
    ] as const) {
      const res = await apiJson(method, path, { key, body });
      expect(res.status, method).toBe(409);
      expect(res.body).toMatchObject({ code: 'already_deployed' });
    }
  });
});

describe('export and import', () => {
  it('exports a self-contained document that imports into an equal new workflow', async () => {
    const { id } = await create('Round trip', 'there and back');
    await api('PUT', `/api/workflows/${id}/graph`, { key, body: validGraph() });
    const exported = await api('GET', `/api/workflows/${id}/export`, { key });
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-disposition')).toContain('Round-trip.weft.json');
    const document = await exported.json();
    expect(document).toMatchObject({ format: 'weft.workflow', format_version: 1, name: 'Round trip', description: 'there and back', ...validGraph() });

    const imported = await apiJson<{ id: string }>('POST', '/api/workflows/import', { key, body: document });
    expect(imported.status).toBe(201);
    expect(imported.body.id).not.toBe(id);
    expect(imported.body).toMatchObject({ name: 'Round trip', version: 1, ...validGraph() });
  });

  it('refuses to import an invalid graph or a document of another format', async () => {
    const invalid = await apiJson('POST', '/api/workflows/import', { key, body: { name: 'x', blocks: [inputBlock()], edges: [] } });
    expect(invalid.status).toBe(400);
    expect(invalid.body).toMatchObject({ code: 'invalid_graph' });
    const foreign = await apiJson('POST', '/api/workflows/import', { key, body: { format: 'n8n', name: 'x', ...validGraph() } });
    expect(foreign.body).toMatchObject({ code: 'validation_error' });
  });
});

describe('anything else under /api', () => {
  it('answers unknown paths with 404 and the error body', async () => {
    const res = await apiJson('GET', '/api/nothing/here', { key });
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: expect.any(String), code: 'not_found' });
  });

  it('answers methods a route does not have with 405 and the error body', async () => {
    const res = await apiJson('DELETE', '/api/workflows', { key });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, POST');
    expect(res.body).toEqual({ error: expect.any(String), code: 'method_not_allowed' });
  });
});

describe('text PostgreSQL cannot store', () => {
  it('refuses the NUL character in bodies and queries with 400 validation_error naming where', async () => {
    const created = await apiJson('POST', '/api/workflows', { key, body: { name: 'a\u0000b' } });
    expect(created.status).toBe(400);
    expect(created.body).toMatchObject({ code: 'validation_error', details: [{ path: 'name', message: expect.any(String) }] });
    const listed = await apiJson('GET', '/api/workflows?q=a%00b', { key });
    expect(listed.status).toBe(400);
    expect(listed.body).toMatchObject({ code: 'validation_error', details: [{ path: 'q' }] });
  });
});

describe('scripts in a graph', () => {
  it('reports a syntax error in a code block or condition as an invalid_graph problem on its field', async () => {
    const { id } = await create();
    const g = chain(block('broken', 'code', { code: 'return (1 +;' }));
    const res = await apiJson<{ details: unknown[] }>('PUT', `/api/workflows/${id}/graph`, { key, body: g });
    expect(res.status).toBe(400);
    expect(res.body.details).toContainEqual(expect.objectContaining({ block_id: 'broken', field: 'config.code', message: expect.stringMatching(/SyntaxError/) }));
  });
});
