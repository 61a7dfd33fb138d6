import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { blockTypes } from '@/server/blocks';
import { block, chain } from '@/server/test/graphs';
import { setupTestDatabase } from '@/server/test/database';
import { createTestWorkspace } from '@/server/test/fixtures';
import { apiJson } from '../_test/client';

// Thousands of requests: generous time, since a loaded CI machine may run them several times slower.
const FUZZ_TIMEOUT_MS = 300_000;

// Thousands of random and mutated bodies: every answer is a contract-shaped 2xx or 4xx, never a 5xx, and a
// rejected graph leaves the stored one exactly as it was.

setupTestDatabase();
let key: string;
let workflowId: string;

const goodGraph = () => {
  const g = chain(block('shout', 'code', { code: 'return String(input.text).toUpperCase();' }));
  g.blocks[2].config = { value: '{{shout}}' };
  return g;
};

beforeAll(async () => {
  key = (await createTestWorkspace()).keys.editor;
  const created = await apiJson<{ id: string }>('POST', '/api/workflows', { key, body: { name: 'Fuzz target' } });
  workflowId = created.body.id;
  expect((await apiJson('PUT', `/api/workflows/${workflowId}/graph`, { key, body: goodGraph() })).status).toBe(200);
});

function expectContractShape(res: { status: number; body: unknown }) {
  expect(res.status).toBeLessThan(500);
  if (res.status >= 400) {
    expect(res.body).toMatchObject({ error: expect.any(String), code: expect.stringMatching(/^[a-z_]+$/) });
  }
}

/** Mutations of a known-good body: delete, replace or add a value anywhere in the tree. */
function mutated(base: unknown): fc.Arbitrary<unknown> {
  const paths: (string | number)[][] = [];
  const walk = (value: unknown, at: (string | number)[]) => {
    paths.push(at);
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...at, i]));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, [...at, k]);
  };
  walk(base, []);
  return fc.tuple(fc.constantFrom(...paths), fc.oneof(fc.constant(undefined), fc.jsonValue(), fc.string(), fc.constantFrom(...blockTypes, 'true', 'false', '{{ghost.x}}', '__proto__', 'nul\u0000byte', { 'k\u0000': 1 }))).map(([at, replacement]) => {
    const copy = structuredClone(base) as Record<string | number, unknown>;
    if (at.length === 0) return replacement;
    let parent = copy as Record<string | number, unknown>;
    for (const step of at.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
    const last = at[at.length - 1];
    if (replacement === undefined) delete parent[last];
    else parent[last] = replacement;
    return copy;
  });
}

const anyBody = fc.oneof(
  fc.jsonValue(),
  fc.string({ unit: 'binary' }),
  fc.dictionary(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' })),
  fc.record({ name: fc.string({ unit: 'binary' }), description: fc.option(fc.string({ unit: 'binary' })) }),
  fc.constantFrom('{', '[1,', 'null', '"', '\u0000', '{"name":', '{"name":"a\\u0000b"}'),
);

describe('random bodies', () => {
  it('create answers 201 or a contract 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(anyBody, mutated({ name: 'x', description: 'y' })), async (body) => {
        expectContractShape(await apiJson('POST', '/api/workflows', { key, body: typeof body === 'string' ? body : JSON.stringify(body) }));
      }),
      { numRuns: 500 },
    );
  }, FUZZ_TIMEOUT_MS);

  it('PATCH answers 200 or a contract 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(anyBody, mutated({ name: 'Fuzz target', description: 'y' })), async (body) => {
        expectContractShape(await apiJson('PATCH', `/api/workflows/${workflowId}`, { key, body: typeof body === 'string' ? body : JSON.stringify(body) }));
      }),
      { numRuns: 500 },
    );
    await apiJson('PATCH', `/api/workflows/${workflowId}`, { key, body: { name: 'Fuzz target' } });
  }, FUZZ_TIMEOUT_MS);

  it('PUT graph answers 200 or a contract 4xx, and a rejected graph changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof({ weight: 1, arbitrary: anyBody }, { weight: 4, arbitrary: mutated(goodGraph()) }), async (body) => {
        const before = await apiJson<{ version: number; blocks: unknown; edges: unknown }>('GET', `/api/workflows/${workflowId}`, { key });
        const res = await apiJson('PUT', `/api/workflows/${workflowId}/graph`, { key, body: typeof body === 'string' ? body : JSON.stringify(body) });
        expectContractShape(res);
        const after = await apiJson<{ version: number; blocks: unknown; edges: unknown }>('GET', `/api/workflows/${workflowId}`, { key });
        if (res.status === 200) {
          expect(after.body.version).toBe(before.body.version + 1);
          // Put a good graph back so later mutations start from something meaningful.
          await apiJson('PUT', `/api/workflows/${workflowId}/graph`, { key, body: goodGraph() });
        } else {
          expect({ version: after.body.version, blocks: after.body.blocks, edges: after.body.edges }).toEqual({
            version: before.body.version,
            blocks: before.body.blocks,
            edges: before.body.edges,
          });
        }
      }),
      { numRuns: 1000 },
    );
  }, FUZZ_TIMEOUT_MS);
});
