import { beforeAll, describe, expect, it } from 'vitest';
import type { Graph } from '@/lib/graph/schema';
import { block, edge, graph, inputBlock, outputBlock } from '@/server/test/graphs';
import { db } from '../../db';
import { setupTestDatabase, waitForRunsBeforeClosing } from '../../test/database';
import { createTestWorkspace, type TestWorkspace } from '../../test/fixtures';
import { createWorkflow, replaceGraph } from '../workflows';
import { approvalLinks, checkApprovalToken, decideByLink, describeApprovalLink, signApprovalToken } from './approval-links';
import { executeAndWait } from './launch';
import { getBlockLogs, getExecution } from './reads';

// Signed approve/reject links: what the token proves, what opening a link shows, and deciding through one.

setupTestDatabase();
waitForRunsBeforeClosing();
let ws: TestWorkspace;

beforeAll(async () => {
  ws = await createTestWorkspace('Approval links');
});

/** input -> ask (approval) -> pay | deny -> output */
function approvalGraph(approval: Record<string, unknown> = {}): Graph {
  return graph(
    [inputBlock(), block('ask', 'approval', { message: 'Refund {{input.amount}}?', ...approval }), block('pay', 'code', { code: 'return "paid"' }), block('deny', 'code', { code: 'return "denied"' }), outputBlock()],
    [edge('input', 'ask'), edge('ask', 'pay', { sourceHandle: 'approved' }), edge('ask', 'deny', { sourceHandle: 'rejected' }), edge('pay', 'output'), edge('deny', 'output')],
  );
}

async function waitingRun(approval: Record<string, unknown> = {}) {
  const { id } = await createWorkflow(ws.owner, { name: 'Refunds' });
  await replaceGraph(ws.owner, id, approvalGraph(approval));
  const run = await executeAndWait(ws.owner, id, { input: { amount: 30 } });
  expect(run.status).toBe('waiting');
  return { workflowId: id, executionId: run.id };
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const tokenOf = (url: string) => url.slice(url.lastIndexOf('/') + 1);
const inAnHour = () => new Date(Date.now() + 3_600_000);

describe('the token', () => {
  const ref = { workflowId: 'wf1', executionId: 'ex1', blockId: 'ask' };

  it('carries the workflow, execution and block it was signed for', () => {
    const token = signApprovalToken({ ...ref, expiresAt: inAnHour() });
    expect(checkApprovalToken(token)).toMatchObject({ valid: true, claims: { w: 'wf1', e: 'ex1', b: 'ask' } });
  });

  it('is refused when any part of it was altered, or it was made up', () => {
    const token = signApprovalToken({ ...ref, expiresAt: inAnHour() });
    const [body, signature] = token.split('.');
    const otherClaims = Buffer.from(JSON.stringify({ w: 'wf1', e: 'ex2', b: 'ask', exp: Date.now() + 3_600_000 })).toString('base64url');
    const flipped = signature.slice(0, -2) + (signature.at(-2) === 'A' ? 'B' : 'A') + signature.at(-1);
    for (const bad of [`${otherClaims}.${signature}`, `${body}.${flipped}`, body, `${token}.x`, '', 'not-a-token']) {
      expect(checkApprovalToken(bad), bad).toEqual({ valid: false, reason: 'invalid' });
    }
  });

  it('is refused as expired once its time has passed', () => {
    const token = signApprovalToken({ ...ref, expiresAt: new Date(Date.now() + 1000) });
    expect(checkApprovalToken(token).valid).toBe(true);
    expect(checkApprovalToken(token, Date.now() + 2000)).toEqual({ valid: false, reason: 'expired' });
  });
});

describe('approval links', () => {
  it('are offered for the approvals a waiting execution waits at, to editors only, until its timeout', async () => {
    const { workflowId, executionId } = await waitingRun({ timeout_seconds: 3600, on_timeout: 'reject' });
    const [link] = await approvalLinks(ws.callerFor('editor'), workflowId, executionId, 'https://weft.example');
    expect(link).toMatchObject({ block_id: 'ask', url: expect.stringMatching(/^https:\/\/weft\.example\/approve\/[\w-]+\.[\w-]+$/) });
    const timeout = (await getExecution(ws.owner, workflowId, executionId)).waiting_on![0].resume_at!;
    expect(link.expires_at).toBe(timeout);
    await expect(approvalLinks(ws.callerFor('viewer'), workflowId, executionId, 'https://weft.example')).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('open a page that shows the request and decides nothing', async () => {
    const { workflowId, executionId } = await waitingRun();
    const [link] = await approvalLinks(ws.owner, workflowId, executionId, '');
    expect(await describeApprovalLink(tokenOf(link.url))).toMatchObject({ state: 'open', workflow_name: 'Refunds', block_id: 'ask', message: 'Refund 30?' });
    expect(await describeApprovalLink(tokenOf(link.url))).toMatchObject({ state: 'open' });
    expect((await getExecution(ws.owner, workflowId, executionId)).status).toBe('waiting');
  });

  it('decide once, recorded as by "link" with the comment, and the execution runs on down that branch', async () => {
    const { workflowId, executionId } = await waitingRun();
    const token = tokenOf((await approvalLinks(ws.owner, workflowId, executionId, ''))[0].url);
    expect(await decideByLink(token, { decision: 'rejected', comment: 'Too much' })).toEqual({ execution_id: executionId, block_id: 'ask', decision: 'rejected' });
    const done = await until(() => getExecution(ws.owner, workflowId, executionId), (e) => e.status !== 'running' && e.status !== 'waiting');
    expect(done).toMatchObject({ status: 'completed', output: { deny: 'denied' } });
    const { block_logs } = await getBlockLogs(ws.owner, workflowId, executionId);
    expect(block_logs.find((l) => l.block_id === 'ask')?.output).toMatchObject({ decision: 'rejected', data: { comment: 'Too much' }, by: 'link' });

    await expect(decideByLink(token, { decision: 'approved' })).rejects.toMatchObject({ code: 'not_waiting', status: 409 });
    expect(await describeApprovalLink(token)).toMatchObject({ state: 'decided', decision: 'rejected', note: expect.stringContaining('rejected through a link') });
  });

  it('refuse a token signed for an execution of another workflow, and an expired one', async () => {
    const first = await waitingRun();
    const second = await waitingRun();
    const crossed = signApprovalToken({ workflowId: first.workflowId, executionId: second.executionId, blockId: 'ask', expiresAt: inAnHour() });
    await expect(decideByLink(crossed, { decision: 'approved' })).rejects.toMatchObject({ code: 'approval_link_invalid', status: 403 });
    expect(await describeApprovalLink(crossed)).toEqual({ state: 'refused', reason: 'invalid' });

    const expired = signApprovalToken({ ...first, blockId: 'ask', expiresAt: new Date(Date.now() - 1) });
    await expect(decideByLink(expired, { decision: 'approved' })).rejects.toMatchObject({ code: 'approval_link_invalid', message: expect.stringContaining('expired') });
    expect(await describeApprovalLink(expired)).toEqual({ state: 'refused', reason: 'expired' });
    const rows = await (await db()).execution.findMany({ where: { id: { in: [first.executionId, second.executionId] } } });
    expect(rows.map((r) => r.status)).toEqual(['waiting', 'waiting']);
  });
});
