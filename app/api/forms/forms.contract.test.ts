import { beforeAll, describe, expect, it } from 'vitest';
import { edge, graph, inputBlock, outputBlock } from '@/server/test/graphs';
import { setupTestDatabase, waitForRunsBeforeClosing } from '@/server/test/database';
import { createTestWorkspace } from '@/server/test/fixtures';
import { api, apiJson } from '../_test/client';

// POST /api/forms/{tid}: what a hosted form sends. Public forms take anyone; typed input is checked first.

setupTestDatabase();
let key: string;
beforeAll(async () => void (key = (await createTestWorkspace()).keys.editor));
waitForRunsBeforeClosing();

async function formFor(access: 'public' | 'workspace') {
  const created = await apiJson<{ id: string }>('POST', '/api/workflows', { key, body: { name: 'Form' } });
  const g = graph([inputBlock('input', { fields: [{ name: 'qty', type: 'integer', required: true }] }), outputBlock('output', { value: '{{input.qty}}' })], [edge('input', 'output')]);
  await apiJson('PUT', `/api/workflows/${created.body.id}/graph`, { key, body: g });
  await api('POST', `/api/workflows/${created.body.id}/deploy`, { key });
  const trigger = await apiJson<{ id: string; url: string }>('POST', `/api/workflows/${created.body.id}/triggers`, { key, body: { kind: 'form', config: { access } } });
  return { workflowId: created.body.id, trigger: trigger.body };
}

describe('POST /api/forms/{tid}', () => {
  it('runs a public form for anyone and answers with the output; a wrong type is a 400 with the field', async () => {
    const { trigger } = await formFor('public');
    expect(trigger.url).toBe(`http://weft.test/forms/${trigger.id}`);
    const ok = await apiJson('POST', `/api/forms/${trigger.id}`, { body: { input: { qty: 4 } } });
    expect(ok).toMatchObject({ status: 200, body: { status: 'completed', output: 4, error: null } });
    const bad = await apiJson('POST', `/api/forms/${trigger.id}`, { body: { input: { qty: 'four' } } });
    expect(bad).toMatchObject({ status: 400, body: { code: 'validation_error', details: [{ path: 'input.qty', message: 'must be an integer, not a string' }] } });
  });

  it('refuses a workspace form to a caller without a session, and a disabled form', async () => {
    const { trigger } = await formFor('workspace');
    expect((await apiJson('POST', `/api/forms/${trigger.id}`, { body: { input: { qty: 1 } } })).status).toBe(401);
    const open = await formFor('public');
    await apiJson('PATCH', `/api/workflows/${open.workflowId}/triggers/${open.trigger.id}`, { key, body: { enabled: false } });
    expect((await apiJson('POST', `/api/forms/${open.trigger.id}`, { body: { input: { qty: 1 } } })).body).toMatchObject({ code: 'webhook_not_active' });
    expect((await apiJson('POST', `/api/forms/not-a-form`, { body: {} })).body).toMatchObject({ code: 'trigger_not_found' });
  });
});
