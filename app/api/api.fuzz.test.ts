import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '@/server/api/root';
import { db } from '@/server/db';
import { chain } from '@/server/test/graphs';
import { armWebhook, deployWorkflow } from '@/server/services/deployments';
import { executeAndWait } from '@/server/services/executions/launch';
import { createWorkflow, replaceGraph } from '@/server/services/workflows';
import { setupTestDatabase } from '@/server/test/database';
import { createTestWorkspace, type TestWorkspace } from '@/server/test/fixtures';
import * as trpcRoute from './trpc/[trpc]/route';
import { API_ROUTES, api } from './_test/client';

// Hostile input against every REST route and every tRPC procedure: random and mutated bodies, oversize and deeply
// nested JSON, invalid UTF-8, odd path ids, query strings and headers. Every answer is below 500, arrives in time,
// and a rejected request changes nothing that matters (workflows, graphs, versions, webhooks, executions, keys).

setupTestDatabase();
const FUZZ_TIMEOUT_MS = 300_000;
const ANSWER_WITHIN_MS = 15_000;

let ws: TestWorkspace;
const ids = { workflow: '', execution: '', webhook: '', version: '1' };
let cases = 0;

async function refreshFixtures(): Promise<void> {
  const workflow = await createWorkflow(ws.owner, { name: 'Fuzz target' });
  await replaceGraph(ws.owner, workflow.id, chain());
  ids.workflow = workflow.id;
  ids.execution = (await executeAndWait(ws.owner, workflow.id, { input: {} })).id;
  ids.version = String((await deployWorkflow(ws.owner, workflow.id)).version);
  ids.webhook = (await armWebhook(ws.owner, workflow.id, {}, 'http://weft.test')).webhook_id;
}

beforeAll(async () => {
  ws = await createTestWorkspace('Fuzz');
  await refreshFixtures();
});

afterAll(() => console.info(`api fuzz: ${cases} requests`));

/** What a rejected request must leave alone. Webhook attempts are an audit log of rejections, so not in here. */
async function stateDigest(): Promise<unknown> {
  const prisma = await db();
  const [workflows, versions, webhooks, executions, keys, credentials, members, invitations] = await Promise.all([
    prisma.workflow.findMany({ select: { id: true, version: true, name: true, description: true, deployedVersionId: true }, orderBy: { id: 'asc' } }),
    prisma.workflowVersion.count(),
    prisma.webhook.findMany({ select: { id: true, consumedAt: true, revokedAt: true }, orderBy: { id: 'asc' } }),
    prisma.execution.count(),
    prisma.apiKey.findMany({ select: { id: true, revokedAt: true, role: true }, orderBy: { id: 'asc' } }),
    prisma.credential.count(),
    prisma.membership.count(),
    prisma.invitation.count(),
  ]);
  return { workflows, versions, webhooks, executions, keys, credentials, members, invitations };
}

/** A weird string as it can appear in a request line: percent-encoded, raw `%` sequences kept (a lone surrogate becomes its malformed UTF-8). */
function asPathSegment(text: string): string {
  try {
    return encodeURI(text).replace(/%25/g, '%');
  } catch {
    return '%ED%A0%80';
  }
}

const deep = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const invalidUtf8 = (): Uint8Array<ArrayBuffer> => new Uint8Array([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80, 0x22, 0x7d]);

const weirdStrings = fc.constantFrom(
  '',
  '%00',
  '%FF',
  '%E0%A4%A',
  '..%2F..%2Fetc%2Fpasswd',
  '__proto__',
  'constructor',
  'x'.repeat(5000),
  '\u0000',
  '\ud800',
  '1e309',
  '-1',
  '0',
  'null',
  "' OR 1=1 --",
  '%_%',
  '<script>alert(1)</script>',
);

const bodies: fc.Arbitrary<string | Uint8Array<ArrayBuffer> | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc.string({ unit: 'binary' }),
  fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 6 }).map((value) => JSON.stringify(value)),
  fc.constantFrom('{', '[1,', 'null', '"', '\u0000', '{"input":', '{"input":{"a":"\\ud800"}}', '{"inputs":{}}', '{"name":"a\\u0000b"}'),
  fc.constantFrom(500, 3000, 10000).map(deep),
  fc.constantFrom(500, 3000).map((depth) => `{"input":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`),
  fc.constant('x'.repeat(2 * 1024 * 1024)),
  fc.constant(invalidUtf8()),
);

const queries = fc.oneof(
  fc.constant(''),
  fc.constantFrom('?status=', '?status=bogus', '?q=%25', '?q=_', '?limit=-1', '?limit=1e9', '?cursor=garbage', '?page=%FF', '?q=%00', '?sort=;drop'),
  fc.dictionary(fc.constantFrom('status', 'q', 'limit', 'cursor', 'page', 'sort', 'version', 'token', 'async'), fc.string(), { maxKeys: 3 }).map(
    (params) => `?${new URLSearchParams(params)}`,
  ),
);

/** Header values as they can arrive over HTTP: no control characters, Latin-1 only. */
const headerValues = fc.oneof(fc.nat().map(String), weirdStrings, fc.string()).filter((value) => /^[\t\x20-\x7e\x80-\xff]*$/.test(value));

const headerSets = fc.record(
  {
    'content-type': fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=latin1', ''),
    'last-event-id': headerValues,
    'if-match': headerValues,
    'x-forwarded-for': fc.oneof(fc.ipV4(), headerValues),
    'webhook-signature': headerValues,
    'x-webhook-secret': headerValues,
  },
  { requiredKeys: [] },
);

type Credential = 'owner' | 'viewer' | 'none' | 'garbage';
const credentials = fc.constantFrom<Credential>('owner', 'owner', 'viewer', 'none', 'garbage');

function authorization(credential: Credential): Record<string, string> {
  if (credential === 'none') return {};
  if (credential === 'garbage') return { authorization: 'Bearer wf_garbage\u00ff"' };
  return { authorization: `Bearer ${ws.keys[credential]}` };
}

function pathFor(pattern: string, pick: (name: string) => string): string {
  return pattern
    .split('/')
    .map((part) => (part.startsWith(':') ? pick(part.slice(1)) : part))
    .join('/');
}

async function withinTime<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ANSWER_WITHIN_MS} ms: ${what}`)), ANSWER_WITHIN_MS);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Sends one request, reads (or drops) its body, and checks the answer; returns the status. */
async function send(method: string, path: string, headers: Record<string, string>, body: string | Uint8Array<ArrayBuffer> | undefined, handler?: (request: Request) => Promise<Response>) {
  cases++;
  const what = `${method} ${path.slice(0, 200)}`;
  const response = await withinTime(
    handler
      ? handler(new Request(new URL(path, 'http://weft.test'), { method, headers, body: method === 'GET' || method === 'HEAD' ? undefined : body }))
      : api(method, path, { headers, body: method === 'GET' ? undefined : body }),
    what,
  );
  expect(response.status, what).toBeLessThan(500);
  if (response.headers.get('content-type')?.startsWith('text/event-stream')) await response.body?.cancel();
  else await withinTime(response.text(), what);
  return response.status;
}

const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

describe('every REST route', () => {
  it.each(API_ROUTES.map((route) => [route.pattern, route] as const))('%s answers every hostile request below 500 and changes nothing when it refuses', async (_pattern, route) => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...methods),
        fc.constantFrom('real', 'real', 'weird'),
        weirdStrings,
        queries,
        headerSets,
        credentials,
        bodies,
        async (method, idKind, weird, query, headers, credential, body) => {
          const path = pathFor(route.pattern, (name) => {
            if (idKind === 'weird') return asPathSegment(weird);
            return { id: ids.workflow, eid: ids.execution, webhook_id: ids.webhook, version: ids.version }[name] ?? weird;
          });
          const before = await stateDigest();
          const status = await send(method, path + query, { ...Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== '')), ...authorization(credential) }, body);
          if (status >= 400) expect(await stateDigest(), `${method} ${path} answered ${status}`).toEqual(before);
          else if (method !== 'GET') await refreshFixtures();
        },
      ),
      { numRuns: 60 },
    );
  }, FUZZ_TIMEOUT_MS);
});

const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: { type: 'query' | 'mutation' | 'subscription' } }>);

const procedureInputs = fc.oneof(
  fc.jsonValue(),
  fc.record({ id: fc.oneof(fc.constant('__workflow__'), weirdStrings), workflowId: fc.oneof(fc.constant('__workflow__'), weirdStrings) }, { requiredKeys: [] }),
  fc.dictionary(fc.constantFrom('id', 'workflowId', 'executionId', 'name', 'graph', 'input', 'version', 'role', 'q', 'status', 'cursor', 'limit'), fc.jsonValue(), {
    maxKeys: 4,
  }),
  fc.constantFrom(500, 5000).map((depth) => JSON.parse(deep(Math.min(depth, 900))) as unknown),
);

describe('every tRPC procedure', () => {
  it.each(procedures.map(([path, procedure]) => [path, procedure._def.type] as const))('%s (%s) answers every hostile input below 500 and changes nothing when it refuses', async (path, type) => {
    const handler = trpcRoute[type === 'query' ? 'GET' : 'POST'] as (request: Request) => Promise<Response>;
    await fc.assert(
      fc.asyncProperty(procedureInputs, credentials, fc.constantFrom('superjson', 'raw', 'deep', 'oversize', 'utf8'), async (input, credential, encoding) => {
        const resolved = JSON.parse(JSON.stringify({ json: input ?? null }).replaceAll('__workflow__', ids.workflow)) as unknown;
        const text =
          encoding === 'superjson' ? JSON.stringify(resolved)
          : encoding === 'raw' ? JSON.stringify(input ?? null)
          : encoding === 'deep' ? `{"json":${deep(5000)}}`
          : encoding === 'oversize' ? JSON.stringify({ json: { name: 'x'.repeat(3 * 1024 * 1024) } })
          : undefined;
        const headers = { 'content-type': 'application/json', ...authorization(credential) };
        const before = await stateDigest();
        const status =
          type === 'query'
            ? await send('GET', `/api/trpc/${path}?input=${encodeURIComponent(text ?? '%FF')}`, headers, undefined, handler)
            : await send('POST', `/api/trpc/${path}`, headers, text ?? invalidUtf8(), handler);
        if (status >= 400) expect(await stateDigest(), `${path} answered ${status}`).toEqual(before);
        else if (type === 'mutation') await refreshFixtures();
      }),
      { numRuns: 25 },
    );
  }, FUZZ_TIMEOUT_MS);
});
