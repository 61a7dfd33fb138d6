import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../db';
import { setupTestDatabase } from '../../test/database';
import { twoWorkspaces, type TestWorkspace } from '../../test/fixtures';
import { block, edge, graph, inputBlock, outputBlock } from '../../test/graphs';
import { armWebhook, deployWorkflow } from '../deployments';
import { triggerWebhook } from '../webhooks';
import { createWorkflow, replaceGraph } from '../workflows';
import { executeAndWait } from './launch';
import { getExecution } from './reads';
import { rerunAndWait, startRerun } from './rerun';

// Re-running an execution from history: with its input or an edited one, on the graph that ran or on the current
// draft, and linked both ways with the execution it re-ran.

setupTestDatabase();
let ws: TestWorkspace;
let stranger: TestWorkspace;

beforeAll(async () => ([ws, stranger] = await twoWorkspaces('Re-runs', 'Someone else')));

type Field = { name: string; type: string; required?: boolean };

/** input (typed fields) → stamp (the text, marked with which graph ran) → output. */
const stamped = (mark: string, fields: Field[]) =>
  graph(
    [inputBlock('input', { fields }), block('stamp', 'code', { code: `return "${mark}:" + input.text` }), outputBlock('output', { value: '{{stamp}}' })],
    [edge('input', 'stamp'), edge('stamp', 'output')],
  );
const TEXT: Field = { name: 'text', type: 'string', required: true };

/** A workflow run once with {text: "first"} on graph v1, whose draft has since become v2 and needs a `count` too. */
async function ranThenEdited() {
  const { id, version } = await createWorkflow(ws.owner, { name: 'Stamp' }, stamped('v1', [TEXT]));
  const first = await executeAndWait(ws.owner, id, { input: { text: 'first' } });
  expect(first.output).toBe('v1:first');
  await replaceGraph(ws.owner, id, stamped('v2', [TEXT, { name: 'count', type: 'integer', required: true }]), { expectedVersion: version });
  return { workflowId: id, first };
}

async function executionCount(workflowId: string) {
  return (await db()).execution.count({ where: { workflowId } });
}

describe('re-running an execution', () => {
  it('runs the graph that ran, with the edited input, though the draft has changed since', async () => {
    const { workflowId, first } = await ranThenEdited();
    const rerun = await rerunAndWait(ws.owner, workflowId, first.id, { input: { text: 'edited' }, version: 'ran' }, 'api');
    expect(rerun).toMatchObject({ status: 'completed', input: { text: 'edited' }, output: 'v1:edited', version: first.version, source_execution_id: first.id });
  });

  it('a re-run of a deployed run names the numbered version that ran, not the draft', async () => {
    const { id } = await createWorkflow(ws.owner, { name: 'Deployed stamp' }, stamped('v1', [TEXT]));
    const { version } = await deployWorkflow(ws.owner, id);
    const hook = await armWebhook(ws.owner, id, {}, 'http://weft.test');
    const headers = new Headers({ authorization: `Bearer ${hook.secret}`, 'content-type': 'application/json' });
    const called = await triggerWebhook({ webhookId: hook.webhook_id, headers, url: new URL(hook.url), rawBody: JSON.stringify({ text: 'hook' }), sourceIp: null, async: false });
    const deployedRun = await getExecution(ws.owner, id, called.body.execution_id);
    expect(deployedRun).toMatchObject({ trigger: 'webhook', ran_draft: false, version });

    const rerun = await rerunAndWait(ws.owner, id, deployedRun.id, { version: 'ran' }, 'manual');
    expect(rerun).toMatchObject({ trigger: 'manual', ran_draft: false, version, output: 'v1:hook' });
    const onDraft = await rerunAndWait(ws.owner, id, deployedRun.id, { version: 'draft' }, 'manual');
    expect(onDraft.ran_draft).toBe(true);
  });

  it('runs the current draft when asked, checking the input against the draft’s fields', async () => {
    const { workflowId, first } = await ranThenEdited();
    await expect(rerunAndWait(ws.owner, workflowId, first.id, { input: { text: 'edited' }, version: 'draft' }, 'api')).rejects.toMatchObject({
      code: 'validation_error',
      details: [{ path: 'input.count', message: 'is required' }],
    });
    const rerun = await rerunAndWait(ws.owner, workflowId, first.id, { input: { text: 'edited', count: 2 }, version: 'draft' }, 'api');
    expect(rerun).toMatchObject({ status: 'completed', output: 'v2:edited', source_execution_id: first.id });
    expect(rerun.version).toBeGreaterThan(first.version);
  });

  it('re-runs exactly as it was when given no input and no version', async () => {
    const { workflowId, first } = await ranThenEdited();
    expect(await rerunAndWait(ws.owner, workflowId, first.id, {}, 'api')).toMatchObject({ input: { text: 'first' }, output: 'v1:first' });
  });

  it('links the re-run and the execution it re-ran both ways, newest re-run first', async () => {
    const { workflowId, first } = await ranThenEdited();
    const one = await rerunAndWait(ws.owner, workflowId, first.id, { input: { text: 'one' } }, 'api');
    const { id: two, done } = await startRerun(ws.owner, workflowId, first.id, { input: { text: 'two' } }, { trigger: 'manual', capMs: 60_000 });
    await done;
    expect((await getExecution(ws.owner, workflowId, first.id)).reruns).toEqual([
      { id: two, status: 'completed', created_at: expect.any(String) },
      { id: one.id, status: 'completed', created_at: expect.any(String) },
    ]);
    expect(await getExecution(ws.owner, workflowId, two)).toMatchObject({ source_execution_id: first.id, trigger: 'manual', reruns: [] });
    expect(first.source_execution_id).toBeNull();
  });

  it('refuses input that does not match the fields of the graph that ran, and runs nothing', async () => {
    const { workflowId, first } = await ranThenEdited();
    const before = await executionCount(workflowId);
    await expect(rerunAndWait(ws.owner, workflowId, first.id, { input: { text: 5 } }, 'api')).rejects.toMatchObject({
      code: 'validation_error',
      details: [{ path: 'input.text', message: expect.any(String) }],
    });
    expect(await executionCount(workflowId)).toBe(before);
  });

  it('answers another workspace as if the execution did not exist, and lets a viewer re-run nothing', async () => {
    const { workflowId, first } = await ranThenEdited();
    await expect(startRerun(stranger.owner, workflowId, first.id, {}, { trigger: 'api', capMs: 60_000 })).rejects.toMatchObject({ code: 'workflow_not_found' });
    const { id: theirs } = await createWorkflow(stranger.owner, { name: 'Theirs' }, stamped('x', [TEXT]));
    await expect(startRerun(stranger.owner, theirs, first.id, {}, { trigger: 'api', capMs: 60_000 })).rejects.toMatchObject({ code: 'execution_not_found' });
    await expect(startRerun(ws.callerFor('viewer'), workflowId, first.id, {}, { trigger: 'api', capMs: 60_000 })).rejects.toMatchObject({ code: 'forbidden' });
    expect((await getExecution(ws.owner, workflowId, first.id)).reruns).toEqual([]);
  });
});
