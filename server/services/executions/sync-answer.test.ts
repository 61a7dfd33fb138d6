import { beforeAll, describe, expect, it } from 'vitest';
import { setupTestDatabase } from '../../test/database';
import { createTestWorkspace, type TestWorkspace } from '../../test/fixtures';
import { block, chain } from '../../test/graphs';
import { db } from '../../db';
import { armWebhook, deployWorkflow } from '../deployments';
import { submitForm } from '../trigger-forms';
import { callStandingWebhook } from '../trigger-hooks';
import { createTrigger } from '../triggers';
import { triggerWebhook } from '../webhooks';
import { createWorkflow } from '../workflows';
import { executeAndWait } from './launch';
import { getExecution } from './reads';
import { rerunAndWait } from './rerun';

// A run the caller waits for is answered from the row as created plus the outcome the run wrote, without reading
// the row again: the answer must be exactly what reading it back gives.

setupTestDatabase();
let ws: TestWorkspace;

beforeAll(async () => {
  ws = await createTestWorkspace('Sync answers');
});

const codes = {
  completed: 'return { z: 1, a: [null, -0, "é\\u0000✓"], nested: { skipped: undefined, kept: 1.5 } }',
  failed: 'throw new TypeError("no")',
};

describe('the answer of a run waited for', () => {
  for (const [name, code] of Object.entries(codes)) {
    it(`is what the row says afterwards (${name})`, async () => {
      const { id } = await createWorkflow(ws.owner, { name }, chain(block('code', 'code', { code })));
      const answer = await executeAndWait(ws.owner, id, { input: { x: 'y' } });
      expect(answer.status).toBe(name);
      expect(JSON.stringify(answer)).toBe(JSON.stringify(await getExecution(ws.owner, id, answer.id)));

      const rerun = await rerunAndWait(ws.owner, id, answer.id, { version: 'ran' }, 'api');
      expect(JSON.stringify(rerun)).toBe(JSON.stringify(await getExecution(ws.owner, id, rerun.id)));
      // The re-run is listed under the run it re-ran.
      expect((await getExecution(ws.owner, id, answer.id)).reruns.map((r) => r.id)).toEqual([rerun.id]);
    });
  }
});

describe('the answer of a triggered run waited for', () => {
  /** The row as it is now, in the shape a trigger answers with (webhooks leave the error out). */
  async function stored(executionId: string, withError: boolean) {
    const row = await (await db()).execution.findUniqueOrThrow({ where: { id: executionId } });
    const answer = { execution_id: executionId, status: row.status, output: row.output ?? null };
    return JSON.stringify(withError ? { ...answer, error: row.error ?? null } : answer);
  }

  for (const [name, code] of Object.entries(codes)) {
    it(`is what the row says afterwards, for webhooks, standing hooks and forms (${name})`, async () => {
      const { id } = await createWorkflow(ws.owner, { name }, chain(block('code', 'code', { code })));
      await deployWorkflow(ws.owner, id);
      const origin = 'http://weft.test';

      const hook = await armWebhook(ws.owner, id, {}, origin);
      const single = await triggerWebhook({
        webhookId: hook.webhook_id,
        headers: new Headers({ authorization: `Bearer ${hook.secret}`, 'content-type': 'application/json' }),
        url: new URL(hook.url),
        rawBody: '{"x":"y"}',
        sourceIp: null,
        async: false,
      });
      expect(JSON.stringify(single.body)).toBe(await stored(single.body.execution_id, false));
      expect(single.body.status).toBe(name);

      const standing = await createTrigger(ws.owner, id, { kind: 'webhook', config: { auth: 'none' } }, origin);
      const called = await callStandingWebhook({ triggerId: standing.id, headers: new Headers({ 'content-type': 'application/json' }), url: new URL(standing.url!), rawBody: '{"x":"y"}', sourceIp: null });
      expect(JSON.stringify(called.body)).toBe(await stored(called.body.execution_id, false));
      expect(called.body).toMatchObject({ status: name });

      const form = await createTrigger(ws.owner, id, { kind: 'form', config: { access: 'public' } }, origin);
      const submitted = await submitForm(form.id, new Headers(), form.url!, { input: { x: 'y' } });
      expect(JSON.stringify(submitted)).toBe(await stored(submitted.execution_id, true));
      expect(submitted.status).toBe(name);
    });
  }
});
