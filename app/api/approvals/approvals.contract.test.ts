import { beforeAll, describe, expect, it } from 'vitest';
import { block, edge, graph, inputBlock, outputBlock } from '@/server/test/graphs';
import { setupTestDatabase, waitForRunsBeforeClosing } from '@/server/test/database';
import { editorWorkspace, type TestWorkspace } from '@/server/test/fixtures';
import { api, apiJson, createWorkflowWithGraph } from '../_test/client';

// GET /api/workflows/{id}/executions/{eid}/approval-links and POST /api/approvals/{token}: a signed link decides an
// approval once, without a credential; opening it never does.

setupTestDatabase();
let ws: TestWorkspace;
let key: string;

beforeAll(async () => ({ ws, key } = await editorWorkspace()));
waitForRunsBeforeClosing();

const approvalGraph = graph(
  [inputBlock(), block('ask', 'approval', { message: 'Ship it?' }), block('ship', 'code', { code: 'return "shipped"' }), outputBlock()],
  [edge('input', 'ask'), edge('ask', 'ship', { sourceHandle: 'approved' }), edge('ship', 'output')],
);

type Execution = { id: string; status: string; output: unknown };
type Links = { approval_links: { block_id: string; url: string; expires_at: string }[] };

async function waitingRun() {
  const workflowId = await createWorkflowWithGraph(key, approvalGraph);
  const run = await apiJson<Execution>('POST', `/api/workflows/${workflowId}/execute`, { key, body: { input: {} } });
  expect(run.body.status).toBe('waiting');
  const links = await apiJson<Links>('GET', `/api/workflows/${workflowId}/executions/${run.body.id}/approval-links`, { key });
  expect(links).toMatchObject({ status: 200, body: { approval_links: [{ block_id: 'ask', url: expect.stringContaining('http://weft.test/approve/') }] } });
  const path = new URL(links.body.approval_links[0].url).pathname;
  return { workflowId, executionId: run.body.id, decide: `/api/approvals/${path.slice('/approve/'.length)}` };
}

const execution = (workflowId: string, executionId: string) => apiJson<Execution>('GET', `/api/workflows/${workflowId}/executions/${executionId}`, { key });

async function untilEnded(workflowId: string, executionId: string): Promise<Execution> {
  for (;;) {
    const { body } = await execution(workflowId, executionId);
    if (body.status !== 'running' && body.status !== 'waiting') return body;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('POST /api/approvals/{token}', () => {
  it('decides nothing on GET (link previews); POST approves once and the execution runs on; a second POST is already decided', async () => {
    const { workflowId, executionId, decide } = await waitingRun();
    const previewed = await apiJson('GET', decide);
    expect(previewed).toMatchObject({ status: 405, body: { code: 'method_not_allowed' } });
    expect((await execution(workflowId, executionId)).body.status).toBe('waiting');

    const approved = await apiJson('POST', decide, { body: { decision: 'approved', comment: 'Go' } });
    expect(approved).toMatchObject({ status: 200, body: { execution_id: executionId, block_id: 'ask', decision: 'approved' } });
    expect(await untilEnded(workflowId, executionId)).toMatchObject({ status: 'completed', output: { ship: 'shipped' } });
    const logs = await apiJson<{ block_logs: { block_id: string; output: unknown }[] }>('GET', `/api/workflows/${workflowId}/executions/${executionId}/logs`, { key });
    expect(logs.body.block_logs.find((l) => l.block_id === 'ask')?.output).toMatchObject({ decision: 'approved', data: { comment: 'Go' }, by: 'link' });

    const again = await apiJson('POST', decide, { body: { decision: 'rejected' } });
    expect(again).toMatchObject({ status: 409, body: { code: 'not_waiting' } });
  });

  it('refuses a tampered token, or one moved to an execution of another workflow, without touching either', async () => {
    const first = await waitingRun();
    const second = await waitingRun();
    const [firstBody, firstSignature] = first.decide.split('/').at(-1)!.split('.');
    const [secondBody] = second.decide.split('/').at(-1)!.split('.');
    // The claims of one link under the signature of another.
    const crossed = await apiJson('POST', `/api/approvals/${secondBody}.${firstSignature}`, { body: { decision: 'approved' } });
    expect(crossed).toMatchObject({ status: 403, body: { code: 'approval_link_invalid', error: 'This approval link is not valid' } });
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(firstBody, 'base64url').toString()), w: second.workflowId })).toString('base64url');
    expect((await apiJson('POST', `/api/approvals/${forged}.${firstSignature}`, { body: { decision: 'approved' } })).status).toBe(403);
    expect((await apiJson('POST', '/api/approvals/garbage', { body: { decision: 'approved' } })).status).toBe(403);
    expect((await execution(first.workflowId, first.executionId)).body.status).toBe('waiting');
    expect((await execution(second.workflowId, second.executionId)).body.status).toBe('waiting');
  });

  it('answers a bad body with 400, not a decision', async () => {
    const { workflowId, executionId, decide } = await waitingRun();
    expect((await apiJson('POST', decide, { body: { decision: 'maybe' } })).body).toMatchObject({ code: 'validation_error' });
    expect((await api('POST', decide, { body: '{' })).status).toBe(400);
    expect((await execution(workflowId, executionId)).body.status).toBe('waiting');
  });
});

describe('GET /api/workflows/{id}/executions/{eid}/approval-links', () => {
  it('is empty once nothing awaits a decision, and refused to viewers', async () => {
    const { workflowId, executionId, decide } = await waitingRun();
    expect((await apiJson('GET', `/api/workflows/${workflowId}/executions/${executionId}/approval-links`, { key: ws.keys.viewer })).status).toBe(403);
    await apiJson('POST', decide, { body: { decision: 'approved' } });
    await untilEnded(workflowId, executionId);
    expect((await apiJson('GET', `/api/workflows/${workflowId}/executions/${executionId}/approval-links`, { key })).body).toEqual({ approval_links: [] });
  });
});
