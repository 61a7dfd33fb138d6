import { Webhook as StandardWebhook } from 'standardwebhooks';
import pg from 'pg';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { block, edge, graph, inputBlock, outputBlock } from '@/server/test/graphs';
import { resetRateLimitsForTests } from '@/server/services/rate-limit';
import { signPayload } from '@/server/services/webhook-auth';
import { pruneOldWebhookAttempts, resetWebhookAttemptLimitsForTests } from '@/server/services/webhook-attempts';
import { setupTestDatabase } from '@/server/test/database';
import { createTestWorkspace } from '@/server/test/fixtures';
import { api, apiJson } from '../_test/client';
import { setEnv, unsetEnv } from '@/server/test/env';

// Deploy, versions and single-use webhooks, as ../shared/API.md and the webhooks issue describe them.

const database = setupTestDatabase();
let key: string;
beforeAll(async () => void (key = (await createTestWorkspace()).keys.editor));

const echo = () =>
  graph(
    [inputBlock(), block('greet', 'code', { code: 'return "hello " + (input.name ?? input.body ?? "nobody")' }), outputBlock('output', { value: '{{greet}}' })],
    [edge('input', 'greet'), edge('greet', 'output')],
  );

async function deployedWorkflow(g = echo()): Promise<string> {
  const created = await apiJson<{ id: string }>('POST', '/api/workflows', { key, body: { name: 'Hooked' } });
  expect((await apiJson('PUT', `/api/workflows/${created.body.id}/graph`, { key, body: g })).status).toBe(200);
  const deployed = await apiJson('POST', `/api/workflows/${created.body.id}/deploy`, { key });
  expect(deployed.status).toBe(200);
  return created.body.id;
}

async function armed(workflowId: string, ttl_seconds?: number) {
  const res = await apiJson<{ webhook_id: string; secret: string; url: string; expires_at: string }>('POST', `/api/workflows/${workflowId}/arm`, {
    key,
    body: ttl_seconds ? { ttl_seconds } : undefined,
  });
  expect(res.status).toBe(200);
  return res.body;
}

/** Resolves once another connection waits on a lock that `holder` holds, or once `racing` settled without waiting. */
async function waitingOnLock(holder: pg.Client, racing: Promise<unknown>): Promise<void> {
  let settled = false;
  void racing.finally(() => (settled = true));
  for (;;) {
    // The holder is inside its transaction, where PostgreSQL would keep showing the first snapshot of the activity view.
    await holder.query('SELECT pg_stat_clear_snapshot()');
    const waiting = await holder.query(
      `SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database() AND pid <> pg_backend_pid()`,
    );
    if (settled || waiting.rowCount) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const call = (webhookId: string, options: { secret?: string; body?: unknown; query?: string; headers?: Record<string, string> } = {}) =>
  apiJson('POST', `/api/webhooks/${webhookId}${options.query ?? ''}`, {
    headers: { ...(options.secret ? { authorization: `Bearer ${options.secret}` } : {}), ...options.headers },
    body: options.body ?? { name: 'hook' },
  });

describe('deploy and undeploy', () => {
  it('deploys a valid graph as an immutable version and refuses a second deploy', async () => {
    const created = await apiJson<{ id: string }>('POST', '/api/workflows', { key, body: { name: 'D' } });
    await apiJson('PUT', `/api/workflows/${created.body.id}/graph`, { key, body: echo() });
    const res = await apiJson('POST', `/api/workflows/${created.body.id}/deploy`, { key });
    expect(res.status).toBe(200);
    // Versions are numbered per workflow, not by draft revision (this draft is at revision 2).
    expect(res.body).toEqual({ deployed: true, deployed_at: expect.stringMatching(/Z$/), version: 1 });
    expect((await apiJson('GET', `/api/workflows/${created.body.id}`, { key })).body).toMatchObject({ deployed: true, deployed_at: expect.any(String) });
    const again = await apiJson('POST', `/api/workflows/${created.body.id}/deploy`, { key });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'already_deployed' });
  });

  it('refuses to deploy an invalid graph with 400 invalid_graph', async () => {
    const created = await apiJson<{ id: string }>('POST', '/api/workflows', { key, body: { name: 'Empty' } });
    const res = await apiJson('POST', `/api/workflows/${created.body.id}/deploy`, { key });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'invalid_graph' });
  });

  it('undeploys, and answers 409 not_deployed to undeploy or arm a workflow that is not deployed', async () => {
    const id = await deployedWorkflow();
    expect((await apiJson('POST', `/api/workflows/${id}/undeploy`, { key })).body).toEqual({ deployed: false });
    for (const path of ['undeploy', 'arm']) {
      const res = await apiJson('POST', `/api/workflows/${id}/${path}`, { key });
      expect(res.status, path).toBe(409);
      expect(res.body).toMatchObject({ code: 'not_deployed' });
    }
  });
});

describe('arming', () => {
  it('mints a webhook id, a whsec_ secret, the URL and the expiry (default 600 s)', async () => {
    const id = await deployedWorkflow();
    const before = Date.now();
    const hook = await armed(id);
    expect(hook.webhook_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(hook.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32,}={0,2}$/);
    expect(Buffer.from(hook.secret.slice(6), 'base64').length).toBeGreaterThanOrEqual(24);
    expect(hook.url).toBe(`http://weft.test/api/webhooks/${hook.webhook_id}`);
    const ttl = new Date(hook.expires_at).getTime() - before;
    expect(ttl).toBeGreaterThan(590_000);
    expect(ttl).toBeLessThan(610_000);
  });

  it('mints URL-safe secrets, so url?token=<secret> works pasted as shown', async () => {
    const id = await deployedWorkflow();
    // Plain base64 put "+" (read back as a space) or "/" into about every other secret; twenty arms would show one.
    const secrets = [];
    for (let i = 0; i < 20; i++) secrets.push((await armed(id)).secret);
    for (const secret of secrets) {
      expect(secret).toMatch(/^whsec_[A-Za-z0-9]{44}$/);
      expect(encodeURIComponent(secret)).toBe(secret);
    }
    const hook = await armed(id);
    const pasted = new URL(`${hook.url}?token=${hook.secret}`);
    const res = await call(hook.webhook_id, { query: pasted.search, body: { name: 'pasted' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ output: 'hello pasted' });
  });

  it.each([{ ttl_seconds: 0 }, { ttl_seconds: 86_401 }, { ttl_seconds: 'soon' }, { other: 1 }])('refuses %j with 400 validation_error', async (body) => {
    const id = await deployedWorkflow();
    const res = await apiJson('POST', `/api/workflows/${id}/arm`, { key, body });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'validation_error' });
  });
});

describe('calling a webhook', () => {
  it('runs the deployed version with the JSON body as input and answers with the output', async () => {
    const id = await deployedWorkflow();
    const hook = await armed(id);
    const res = await call(hook.webhook_id, { secret: hook.secret, body: { name: 'Ada' } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ execution_id: expect.any(String), status: 'completed', output: 'hello Ada' });
    const execution = await apiJson('GET', `/api/workflows/${id}/executions/${(res.body as { execution_id: string }).execution_id}`, { key });
    expect(execution.body).toMatchObject({ trigger: 'webhook', version: 1, input: { name: 'Ada' } });
  });

  it('runs the deployed snapshot, not a later draft', async () => {
    const id = await deployedWorkflow();
    await apiJson('POST', `/api/workflows/${id}/undeploy`, { key });
    const changed = echo();
    (changed.blocks[1].config as { code: string }).code = 'return "changed"';
    await apiJson('PUT', `/api/workflows/${id}/graph`, { key, body: changed });
    // Redeploying freezes the changed draft as version 2; version 1 stays what it was.
    expect((await apiJson('POST', `/api/workflows/${id}/deploy`, { key })).body).toMatchObject({ version: 2 });
    const v1 = await apiJson<{ blocks: { config: { code?: string } }[] }>('GET', `/api/workflows/${id}/versions/1`, { key });
    expect(v1.body.blocks[1].config.code).toContain('hello');
    const hook = await armed(id);
    expect((await call(hook.webhook_id, { secret: hook.secret })).body).toMatchObject({ output: 'changed' });
  });

  it('accepts ?token= as well as the Bearer header, and passes a non-JSON body as {body, content_type}', async () => {
    const id = await deployedWorkflow();
    const hook = await armed(id);
    const res = await call(hook.webhook_id, { query: `?token=${encodeURIComponent(hook.secret)}`, body: 'plain words', headers: { 'content-type': 'text/plain' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ output: 'hello plain words' });
  });

  it('fires exactly once for 100 concurrent correct calls; the others get 403 webhook_not_active', async () => {
    const id = await deployedWorkflow();
    const hook = await armed(id);
    const results = await Promise.all(Array.from({ length: 100 }, () => call(hook.webhook_id, { secret: hook.secret })));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 403)).toHaveLength(99);
    for (const r of results.filter((r) => r.status === 403)) expect(r.body).toMatchObject({ code: 'webhook_not_active' });
    expect((await apiJson<{ total: number }>('GET', `/api/workflows/${id}/executions`, { key })).body.total).toBe(1);
  }, 60_000);

  // Another process's call that claimed the row and then rolled back (its execution insert failed, say) must leave
  // the shot to a call that raced it, not refuse that call while the webhook stays armed.
  it.runIf(process.env.TEST_DATABASE_URL)('gives the shot to a racing call when the claim it raced rolls back', async () => {
    const id = await deployedWorkflow();
    const hook = await armed(id);
    const other = new pg.Client({ connectionString: database().url });
    await other.connect();
    try {
      await other.query('BEGIN');
      // The lock the other process's claim (an UPDATE of non-key columns) holds until it ends.
      await other.query('SELECT 1 FROM "Webhook" WHERE "id" = $1 FOR NO KEY UPDATE', [hook.webhook_id]);
      const racing = call(hook.webhook_id, { secret: hook.secret });
      // Roll back once the racing call waits on the row (or has already given up, which is the failure shown below).
      await waitingOnLock(other, racing);
      await other.query('ROLLBACK');
      const res = await racing;
      expect(res.body).toMatchObject({ status: 'completed', output: 'hello hook' });
      expect(res.status).toBe(200);
    } finally {
      await other.end();
    }
  });

  it('answers 100 wrong secrets with 401 and still fires for the right one afterwards', async () => {
    const id = await deployedWorkflow();
    const hook = await armed(id);
    // From 100 addresses: failures of one address are rate-limited (see 'bad bodies and failed calls').
    const wrong = await Promise.all(
      Array.from({ length: 100 }, (_, i) => call(hook.webhook_id, { secret: `whsec_wrong${i}`, headers: { 'x-forwarded-for': `198.51.100.${i}` } })),
    );
    expect(new Set(wrong.map((r) => r.status))).toEqual(new Set([401]));
    expect(wrong[0].body).toEqual({ error: 'Unauthorized', code: 'unauthorized' });
    expect((await call(hook.webhook_id)).status).toBe(401); // no credential at all
    expect((await call(hook.webhook_id, { secret: hook.secret })).status).toBe(200);
  }, 60_000);

  it('refuses expired, undeployed and superseded webhooks with 403, and unknown ids with 404', async () => {
    const id = await deployedWorkflow();
    const expiring = await armed(id, 1);
    await new Promise((r) => setTimeout(r, 1_100));
    expect((await call(expiring.webhook_id, { secret: expiring.secret })).body).toMatchObject({ code: 'webhook_not_active' });

    const old = await armed(id);
    const fresh = await armed(id);
    expect((await call(old.webhook_id, { secret: old.secret })).status).toBe(403);

    await apiJson('POST', `/api/workflows/${id}/undeploy`, { key });
    expect((await call(fresh.webhook_id, { secret: fresh.secret })).status).toBe(403);

    const unknown = await call('00000000-0000-0000-0000-000000000000', { secret: fresh.secret });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 'webhook_not_found' });
    expect((await call('not-a-uuid', { secret: fresh.secret })).status).toBe(404);
  });

  it('with ?async=true answers 202 queued and the execution completes', async () => {
    const id = await deployedWorkflow();
    const hook = await armed(id);
    const res = await call(hook.webhook_id, { secret: hook.secret, query: '?async=true' });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ execution_id: expect.any(String), status: 'queued' });
    const eid = (res.body as { execution_id: string }).execution_id;
    let status = 'running';
    for (let i = 0; i < 50 && status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      status = ((await apiJson<{ status: string }>('GET', `/api/workflows/${id}/executions/${eid}`, { key })).body).status;
    }
    expect(status).toBe('completed');
  });
});

describe('signed requests (Standard Webhooks)', () => {
  const signed = (hook: { webhook_id: string; secret: string }, body: string, overrides: { id?: string; timestamp?: number; signature?: string } = {}) => {
    const id = overrides.id ?? 'msg_1';
    const timestamp = overrides.timestamp ?? Math.floor(Date.now() / 1000);
    const signature = overrides.signature ?? `v1,${signPayload(hook.secret, id, timestamp, body)}`;
    return apiJson('POST', `/api/webhooks/${hook.webhook_id}`, {
      headers: { 'content-type': 'application/json', 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signature },
      body,
    });
  };

  it('accepts a request signed by the official standardwebhooks library', async () => {
    const id = await deployedWorkflow();
    const hook = await armed(id);
    const body = JSON.stringify({ name: 'signed' });
    const timestamp = new Date();
    const signature = new StandardWebhook(hook.secret).sign('msg_std', timestamp, body);
    const res = await apiJson('POST', `/api/webhooks/${hook.webhook_id}`, {
      headers: { 'content-type': 'application/json', 'webhook-id': 'msg_std', 'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)), 'webhook-signature': signature },
      body,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ output: 'hello signed' });
  });

  it('refuses a bad signature or a stale timestamp with 401, without using up the webhook', async () => {
    const id = await deployedWorkflow();
    const hook = await armed(id);
    const body = JSON.stringify({ name: 'x' });
    expect((await signed(hook, body, { signature: 'v1,AAAA' })).status).toBe(401);
    expect((await signed(hook, body, { timestamp: Math.floor(Date.now() / 1000) - 301 })).status).toBe(401);
    expect((await signed(hook, '{"name":"tampered"}', { signature: `v1,${signPayload(hook.secret, 'msg_1', Math.floor(Date.now() / 1000), body)}` })).status).toBe(401);
    expect((await signed(hook, body)).status).toBe(200);
  });
});

describe('the record of attempts', () => {
  it('lists accepted and refused calls with their reasons on the deploy panel', async () => {
    const id = await deployedWorkflow();
    const hook = await armed(id);
    await call(hook.webhook_id, { secret: 'whsec_nope' });
    await call(hook.webhook_id, { secret: hook.secret, headers: { 'x-forwarded-for': '203.0.113.9' } });
    await call(hook.webhook_id, { secret: hook.secret });
    const { createCallerFactory, createTrpcContext } = await import('@/server/api/trpc');
    const { appRouter } = await import('@/server/api/root');
    const caller = createCallerFactory(appRouter)(createTrpcContext({ headers: new Headers({ authorization: `Bearer ${key}` }), url: 'http://weft.test/api/trpc' }));
    const status = await caller.deployments.status({ workflow_id: id });
    expect(status).toMatchObject({ deployed: true, version: 1, webhook: { id: hook.webhook_id, active: false, consumed_at: expect.any(String) } });
    expect(status.attempts.map((a) => [a.accepted, a.reason.split(' ')[0]])).toEqual([
      [false, 'already_consumed'],
      [true, 'accepted'],
      [false, 'wrong_secret'],
    ]);
    expect(status.attempts[1].source_ip).toBe('203.0.113.9');
  });
});

describe('versions', () => {
  it('lists deployed versions, shows one, and restores one into the draft', async () => {
    const id = await deployedWorkflow();
    const list = await apiJson<{ versions: { version: number; deployed: boolean }[] }>('GET', `/api/workflows/${id}/versions`, { key });
    expect(list.body.versions).toEqual([expect.objectContaining({ version: 1, note: null, deployed: true, block_count: 3 })]);
    expect((await apiJson('GET', `/api/workflows/${id}/versions/9`, { key })).body).toMatchObject({ code: 'version_not_found' });
    expect((await apiJson('GET', `/api/workflows/${id}/versions/abc`, { key })).status).toBe(400);
    await apiJson('POST', `/api/workflows/${id}/undeploy`, { key });
    await apiJson('PUT', `/api/workflows/${id}/graph`, { key, body: graph([inputBlock(), outputBlock()], [edge('input', 'output')]) });
    const restored = await apiJson('POST', `/api/workflows/${id}/versions/1/restore`, { key });
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ version: 4, block_count: 3, blocks: echo().blocks });
  });

  it('restores a version into the draft of a deployed workflow, which keeps running its deployed version', async () => {
    const id = await deployedWorkflow();
    const restored = await apiJson('POST', `/api/workflows/${id}/versions/1/restore`, { key });
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ deployed: true, version: 3 });
    expect((await apiJson('GET', `/api/workflows/${id}/versions`, { key })).body).toMatchObject({ versions: [{ version: 1, deployed: true }] });
  });
});

describe('rate limiting', () => {
  afterEach(async () => {
    unsetEnv('WEFT_RATE_LIMIT_EXECUTIONS_PER_MINUTE');
    await resetRateLimitsForTests();
  });

  it('answers 429 rate_limited with Retry-After once a workspace is over its executions per minute', async () => {
    const id = await deployedWorkflow();
    setEnv('WEFT_RATE_LIMIT_EXECUTIONS_PER_MINUTE', '2');
    await resetRateLimitsForTests();
    expect((await api('POST', `/api/workflows/${id}/execute`, { key, body: { input: {} } })).status).toBe(200);
    expect((await api('POST', `/api/workflows/${id}/execute`, { key, body: { input: {} } })).status).toBe(200);
    const limited = await api('POST', `/api/workflows/${id}/execute`, { key, body: { input: {} } });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited.json()).toMatchObject({ code: 'rate_limited' });
    // A limited webhook call is refused before it is consumed, so it can fire once the minute has passed.
    const hook = await armed(id);
    expect((await call(hook.webhook_id, { secret: hook.secret })).status).toBe(429);
    await resetRateLimitsForTests();
    expect((await call(hook.webhook_id, { secret: hook.secret })).status).toBe(200);
  });

  // The call passed the cheap pre-check, then another process took the minute's last execution before the call's
  // claim counted it: refused with 429, the shot still armed, and the refusal in the webhook's record.
  it.runIf(process.env.TEST_DATABASE_URL)('records a call the limit refuses at its claim as rate_limited and leaves it armed', async () => {
    const id = await deployedWorkflow();
    const hook = await armed(id);
    const { db } = await import('@/server/db');
    const { workspaceId } = await (await db()).workflow.findUniqueOrThrow({ where: { id } });
    setEnv('WEFT_RATE_LIMIT_EXECUTIONS_PER_MINUTE', '1');
    await resetRateLimitsForTests();
    const other = new pg.Client({ connectionString: database().url });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query('INSERT INTO "ExecutionRateWindow" ("workspaceId", "windowStart", "count") VALUES ($1, $2, 1)', [workspaceId, new Date()]);
      const racing = call(hook.webhook_id, { secret: hook.secret });
      await waitingOnLock(other, racing);
      await other.query('COMMIT');
      const res = await racing;
      expect(res.status).toBe(429);
      expect(res.body).toMatchObject({ code: 'rate_limited' });
    } finally {
      await other.end();
    }
    const attempts = await (await db()).webhookAttempt.findMany({ where: { webhookId: hook.webhook_id } });
    expect(attempts.map((a) => [a.accepted, a.reason])).toEqual([[false, 'rate_limited']]);
    await resetRateLimitsForTests();
    expect((await call(hook.webhook_id, { secret: hook.secret })).status).toBe(200);
  });
});

describe('bad bodies and failed calls', () => {
  afterEach(() => {
    unsetEnv('WEFT_WEBHOOK_FAILED_ATTEMPTS_PER_MINUTE');
    resetWebhookAttemptLimitsForTests();
  });

  it('answer 400 to malformed or too deeply nested JSON after the secret is checked, and leave the webhook armed', async () => {
    const id = await deployedWorkflow();
    const hook = await armed(id);
    for (const body of ['{"name": ', `{"name": ${'['.repeat(3000)}${']'.repeat(3000)}}`, '{"name": "a\\u0000b"}']) {
      const res = await call(hook.webhook_id, { secret: hook.secret, body });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'validation_error' });
    }
    expect((await call(hook.webhook_id, { secret: 'whsec_nope', body: '{' })).status).toBe(401);
    const ok = await call(hook.webhook_id, { secret: hook.secret, body: { name: 'later' } });
    expect(ok.body).toMatchObject({ status: 'completed', output: 'hello later' });
  });

  it('run a text body holding NUL with U+FFFD in its place', async () => {
    const id = await deployedWorkflow();
    const hook = await armed(id);
    const res = await call(hook.webhook_id, { secret: hook.secret, body: 'a\u0000b', headers: { 'content-type': 'text/plain' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'completed', output: 'hello a\uFFFDb' });
  });

  it('store a capped source address and answer 429 rate_limited once one address failed too often', async () => {
    setEnv('WEFT_WEBHOOK_FAILED_ATTEMPTS_PER_MINUTE', '3');
    const id = await deployedWorkflow();
    const hook = await armed(id);
    const headers = { 'x-forwarded-for': 'x'.repeat(2048) };
    for (let i = 0; i < 3; i++) expect((await call(hook.webhook_id, { secret: 'whsec_nope', headers })).status).toBe(401);
    const limited = await call(hook.webhook_id, { secret: hook.secret, headers });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.body).toMatchObject({ code: 'rate_limited' });
    // Another address is not held back by the first one's failures.
    expect((await call(hook.webhook_id, { secret: hook.secret, headers: { 'x-forwarded-for': '203.0.113.7' } })).status).toBe(200);

    const { db } = await import('@/server/db');
    const attempts = await (await db()).webhookAttempt.findMany({ where: { webhookId: hook.webhook_id } });
    expect(attempts).toHaveLength(4);
    expect(Math.max(...attempts.map((a) => a.sourceIp?.length ?? 0))).toBeLessThanOrEqual(64);
  });

  it('are deleted with the execution retention', async () => {
    const id = await deployedWorkflow();
    const hook = await armed(id);
    await call(hook.webhook_id, { secret: 'whsec_nope' });
    const inFuture = new Date(Date.now() + 31 * 86_400_000);
    expect(await pruneOldWebhookAttempts(inFuture)).toBeGreaterThanOrEqual(1);
    const { db } = await import('@/server/db');
    expect(await (await db()).webhookAttempt.count({ where: { webhookId: hook.webhook_id } })).toBe(0);
  });
});
