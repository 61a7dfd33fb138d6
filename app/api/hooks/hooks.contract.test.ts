import { createHmac } from 'node:crypto';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { block, edge, graph, inputBlock, outputBlock } from '@/server/test/graphs';
import { resetWebhookAttemptLimitsForTests } from '@/server/services/webhook-attempts';
import { setupTestDatabase, waitForRunsBeforeClosing } from '@/server/test/database';
import { editorWorkspace, type TestWorkspace } from '@/server/test/fixtures';
import type { TriggerView } from '@/server/services/trigger-schemas';
import { api, apiJson, invalidGraphDetails } from '../_test/client';

// Triggers (../shared/API.md "Additions (second round)"): CRUD under a workflow, and standing webhooks at
// /api/hooks/{tid} with each kind of authentication, replays, sync and async answers.

setupTestDatabase();
let ws: TestWorkspace;
let key: string;

beforeAll(async () => ({ ws, key } = await editorWorkspace()));
beforeEach(() => resetWebhookAttemptLimitsForTests());
waitForRunsBeforeClosing();

const greet = () =>
  graph(
    [inputBlock(), block('greet', 'code', { code: 'return "hello " + (input.name ?? "nobody")' }), outputBlock('output', { value: '{{greet}}' })],
    [edge('input', 'greet'), edge('greet', 'output')],
  );

async function workflow(deployed = true): Promise<string> {
  const created = await apiJson<{ id: string }>('POST', '/api/workflows', { key, body: { name: 'Hooked' } });
  expect((await apiJson('PUT', `/api/workflows/${created.body.id}/graph`, { key, body: greet() })).status).toBe(200);
  if (deployed) expect((await api('POST', `/api/workflows/${created.body.id}/deploy`, { key })).status).toBe(200);
  return created.body.id;
}

async function hook(workflowId: string, config: Record<string, unknown>) {
  const res = await apiJson<TriggerView>('POST', `/api/workflows/${workflowId}/triggers`, { key, body: { kind: 'webhook', config } });
  expect(res.status).toBe(201);
  return res.body;
}

const post = (id: string, body: string, headers: Record<string, string> = {}) =>
  apiJson<Record<string, unknown>>('POST', `/api/hooks/${id}`, { body, headers: { 'content-type': 'application/json', ...headers } });

describe('trigger routes', () => {
  it('creates, lists, changes and deletes triggers; the secret is shown once', async () => {
    const id = await workflow(false);
    const created = await hook(id, { auth: 'bearer' });
    expect(created).toMatchObject({
      kind: 'webhook',
      enabled: true,
      config: { auth: 'bearer', mode: 'sync' },
      url: `http://weft.test/api/hooks/${created.id}`,
      next_runs: null,
      last_fired_at: null,
      secret: expect.stringMatching(/^whsec_/),
    });
    const schedule = await apiJson<TriggerView>('POST', `/api/workflows/${id}/triggers`, {
      key,
      body: { kind: 'schedule', config: { cron: '0 9 * * 1-5', timezone: 'Europe/Berlin' } },
    });
    expect(schedule.status).toBe(201);
    expect(schedule.body.next_runs).toHaveLength(5);
    for (const at of schedule.body.next_runs!) expect(new Date(at).toLocaleString('en-GB', { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit' })).toBe('09:00');

    const listed = await apiJson<{ triggers: TriggerView[] }>('GET', `/api/workflows/${id}/triggers`, { key });
    expect(listed.body.triggers.map((t) => t.kind)).toEqual(['webhook', 'schedule']);
    expect(listed.body.triggers[0]).not.toHaveProperty('secret');

    const disabled = await apiJson<TriggerView>('PATCH', `/api/workflows/${id}/triggers/${schedule.body.id}`, { key, body: { enabled: false } });
    expect(disabled.body.enabled).toBe(false);
    expect((await api('DELETE', `/api/workflows/${id}/triggers/${schedule.body.id}`, { key })).status).toBe(204);
    const again = await apiJson('DELETE', `/api/workflows/${id}/triggers/${schedule.body.id}`, { key });
    expect(again).toMatchObject({ status: 404, body: { code: 'trigger_not_found' } });
    expect((await apiJson('GET', `/api/workflows/${id}/triggers`, { key: ws.keys.viewer })).status).toBe(200);
    expect((await apiJson('POST', `/api/workflows/${id}/triggers`, { key: ws.keys.viewer, body: { kind: 'form', config: {} } })).status).toBe(403);
  });

  it('refuses a bad cron expression or time zone with validation_error', async () => {
    const id = await workflow(false);
    for (const config of [{ cron: '61 * * * *' }, { cron: '* * *' }, { cron: '0 9 * * *', timezone: 'Mars/Olympus' }]) {
      const res = await apiJson<{ code: string; details: { path: string }[] }>('POST', `/api/workflows/${id}/triggers`, { key, body: { kind: 'schedule', config } });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('validation_error');
      expect(res.body.details[0].path).toMatch(/^config\.(cron|timezone)$/);
    }
    const created = await apiJson<TriggerView>('POST', `/api/workflows/${id}/triggers`, { key, body: { kind: 'schedule', config: { cron: '0 9 * * *' } } });
    const patched = await apiJson<{ details: unknown[] }>('PATCH', `/api/workflows/${id}/triggers/${created.body.id}`, { key, body: { config: { cron: 'nope' } } });
    expect(patched).toMatchObject({ status: 400, body: { code: 'validation_error', details: [{ path: 'config.cron' }] } });
  });
});

describe('POST /api/hooks/{tid}', () => {
  it('bearer: runs the deployed version with the body on every call, 401 with a wrong secret', async () => {
    const trigger = await hook(await workflow(), { auth: 'bearer' });
    const body = JSON.stringify({ name: 'Ada' });
    expect((await post(trigger.id, body, { authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await post(trigger.id, body)).status).toBe(401);
    for (let i = 0; i < 2; i++) {
      const res = await post(trigger.id, body, { authorization: `Bearer ${trigger.secret}` });
      expect(res).toMatchObject({ status: 200, body: { execution_id: expect.any(String), status: 'completed', output: 'hello Ada' } });
    }
  });

  it('GitHub: X-Hub-Signature-256 over the raw body; a redelivery (same X-GitHub-Delivery) runs once', async () => {
    const workflowId = await workflow();
    const trigger = await hook(workflowId, { auth: 'github' });
    const body = JSON.stringify({ name: 'octocat', action: 'opened' });
    const signature = `sha256=${createHmac('sha256', trigger.secret!).update(body).digest('hex')}`;
    const headers = { 'x-hub-signature-256': signature, 'x-github-delivery': '72d3162e-cc78-11e3-81ab-4c9367dc0958', 'x-github-event': 'issues' };
    const first = await post(trigger.id, body, headers);
    expect(first).toMatchObject({ status: 200, body: { status: 'completed', output: 'hello octocat' } });
    const replay = await post(trigger.id, body, headers);
    expect(replay).toEqual(expect.objectContaining({ status: 200, body: { execution_id: first.body.execution_id, duplicate: true } }));
    expect((await post(trigger.id, body.replace('octocat', 'mallory'), headers)).status).toBe(401);
    const listed = await apiJson<{ total: number; executions: { trigger: string; trigger_id: string }[] }>('GET', `/api/workflows/${workflowId}/executions`, { key });
    expect(listed.body.total).toBe(1);
    expect(listed.body.executions[0]).toMatchObject({ trigger: 'webhook', trigger_id: trigger.id });
  });

  it('Stripe: Stripe-Signature t=…,v1=… over "{t}.{body}", stale timestamps refused; a replayed event id runs once', async () => {
    const trigger = await hook(await workflow(), { auth: 'stripe', mode: 'async' });
    const body = JSON.stringify({ id: 'evt_1NG8Du2eZvKYlo2CUI79vXWy', type: 'customer.created', name: 'Stripe' });
    const stripeHeader = (t: number, payload = body) => `t=${t},v1=${createHmac('sha256', trigger.secret!).update(`${t}.${payload}`).digest('hex')}`;
    const now = Math.floor(Date.now() / 1000);
    expect((await post(trigger.id, body, { 'stripe-signature': stripeHeader(now - 3600) })).status).toBe(401);
    const first = await post(trigger.id, body, { 'stripe-signature': stripeHeader(now) });
    expect(first).toMatchObject({ status: 202, body: { execution_id: expect.any(String), status: 'queued' } });
    const replay = await post(trigger.id, body, { 'stripe-signature': stripeHeader(now + 1) });
    expect(replay.body).toEqual({ execution_id: first.body.execution_id, duplicate: true });
  });

  it('Standard Webhooks and a named HMAC header; concurrent deliveries of one id run exactly once', async () => {
    const standard = await hook(await workflow(), { auth: 'standard_webhooks' });
    const body = JSON.stringify({ name: 'standard' });
    const signed = new StandardWebhook(standard.secret!.slice('whsec_'.length)).sign('msg_1', new Date(), body);
    const headers = { 'webhook-id': 'msg_1', 'webhook-timestamp': String(Math.floor(Date.now() / 1000)), 'webhook-signature': signed };
    const results = await Promise.all([post(standard.id, body, headers), post(standard.id, body, headers), post(standard.id, body, headers)]);
    const ran = results.filter((r) => r.body.duplicate === undefined);
    expect(ran).toHaveLength(1);
    expect(new Set(results.map((r) => r.body.execution_id)).size).toBe(1);

    const hmac = await hook(await workflow(), { auth: 'hmac_sha256', signature_header: 'X-Acme-Signature' });
    const mac = createHmac('sha256', hmac.secret!).update(body).digest('hex');
    expect((await post(hmac.id, body, { 'x-acme-signature': mac })).body).toMatchObject({ output: 'hello standard' });
    expect((await post(hmac.id, body, { 'x-signature-256': mac })).status).toBe(401);
  });

  it('auth "none" accepts anyone; a disabled trigger or an undeployed workflow answers 403, an unknown id 404', async () => {
    const id = await workflow();
    const open = await hook(id, { auth: 'none' });
    expect((await post(open.id, '{"name":"anyone"}')).body).toMatchObject({ output: 'hello anyone' });
    await apiJson('PATCH', `/api/workflows/${id}/triggers/${open.id}`, { key, body: { enabled: false } });
    expect((await post(open.id, '{}')).body).toMatchObject({ code: 'webhook_not_active' });
    await apiJson('PATCH', `/api/workflows/${id}/triggers/${open.id}`, { key, body: { enabled: true } });
    await api('POST', `/api/workflows/${id}/undeploy`, { key });
    expect((await post(open.id, '{}')).status).toBe(403);
    expect((await post('00000000-0000-4000-8000-000000000000', '{}')).body).toMatchObject({ code: 'trigger_not_found' });
  });

  it('sync: the output block may set the status code and headers of the answer', async () => {
    const created = await apiJson<{ id: string }>('POST', '/api/workflows', { key, body: { name: 'Answers' } });
    const g = graph(
      [inputBlock(), outputBlock('output', { value: { ok: true }, response: { status: 201, headers: { 'X-Receipt': 'r-1' } } })],
      [edge('input', 'output')],
    );
    expect((await apiJson('PUT', `/api/workflows/${created.body.id}/graph`, { key, body: g })).status).toBe(200);
    await api('POST', `/api/workflows/${created.body.id}/deploy`, { key });
    const trigger = await hook(created.body.id, { auth: 'none' });
    const res = await post(trigger.id, '{}');
    expect(res).toMatchObject({ status: 201, body: { status: 'completed', output: { ok: true } } });
    expect(res.headers.get('x-receipt')).toBe('r-1');
    const refused = graph([inputBlock(), outputBlock('output', { response: { headers: { 'Set-Cookie': 'a=b' } } })], [edge('input', 'output')]);
    expect(await invalidGraphDetails(key, refused)).toMatchObject([{ block_id: 'output', field: 'config.response.headers.Set-Cookie', message: expect.stringContaining('Set-Cookie') }]);
  });

  it('checks the body against the typed input: 400 with field details and nothing runs', async () => {
    const created = await apiJson<{ id: string }>('POST', '/api/workflows', { key, body: { name: 'Typed' } });
    const typed = graph([inputBlock('input', { fields: [{ name: 'amount', type: 'number', required: true }] }), outputBlock('output', { value: '{{input.amount}}' })], [edge('input', 'output')]);
    await apiJson('PUT', `/api/workflows/${created.body.id}/graph`, { key, body: typed });
    await api('POST', `/api/workflows/${created.body.id}/deploy`, { key });
    const trigger = await hook(created.body.id, { auth: 'none' });
    const res = await post(trigger.id, '{"amount":"ten"}');
    expect(res).toMatchObject({ status: 400, body: { code: 'validation_error', details: [{ path: 'input.amount', message: 'must be a number, not a string' }] } });
    const listed = await apiJson<{ total: number }>('GET', `/api/workflows/${created.body.id}/executions`, { key });
    expect(listed.body.total).toBe(0);
  });
});
