import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../db';
import { ApiError } from '../../errors';
import { block, chain, edge, graph, inputBlock, outputBlock } from '@/server/test/graphs';
import { setupTestDatabase } from '../../test/database';
import { createTestWorkspace, type TestWorkspace } from '../../test/fixtures';
import type { Graph } from '@/lib/graph/schema';
import { createWorkflow, replaceGraph } from '../workflows';
import { cancelExecution } from './cancel';
import { executeAndWait } from './launch';
import { getBlockLogs } from './reads';
import { markInterruptedExecutions } from './recovery';
import { resumeExecution } from './resume';
import { executionRuntime } from './runtime';
import { scheduleWaitingExecutions } from './waits';

// Sub-workflows, approvals and long waits through the services and the real database: what a person calling the
// API sees.

setupTestDatabase();
let ws: TestWorkspace;

beforeAll(async () => {
  ws = await createTestWorkspace('Control flow');
});

async function workflowWith(name: string, g: Graph): Promise<string> {
  const { id } = await createWorkflow(ws.owner, { name });
  await replaceGraph(ws.owner, id, g);
  return id;
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const code = (id: string, source: string) => block(id, 'code', { code: source });

/** input -> ask (approval) -> pay | deny -> output */
function approvalGraph(approval: Record<string, unknown> = {}): Graph {
  return graph(
    [inputBlock(), block('ask', 'approval', { message: 'Refund {{input.amount}}?', ...approval }), code('pay', 'return "paid " + input.amount'), code('deny', 'return "denied"'), outputBlock()],
    [edge('input', 'ask'), edge('ask', 'pay', { sourceHandle: 'approved' }), edge('ask', 'deny', { sourceHandle: 'rejected' }), edge('pay', 'output'), edge('deny', 'output')],
  );
}

describe('sub-workflow', () => {
  it("runs the child with the mapped input, continues with its output, and links both executions", async () => {
    const child = await workflowWith('Child', chain(code('double', 'return { doubled: input.n * 2 }')));
    const parentId = await workflowWith('Parent', chain(block('sub', 'workflow', { workflow_id: child, version: 'draft', input: { n: '{{input.n}}' } })));
    const parent = await executeAndWait(ws.owner, parentId, { input: { n: 21 } });
    expect(parent.status).toBe('completed');
    const output = (parent.output as { sub: { double: { doubled: number }; child_execution_id: string } }).sub;
    expect(output).toMatchObject({ double: { doubled: 42 } });
    const childRow = await (await db()).execution.findUniqueOrThrow({ where: { id: output.child_execution_id } });
    expect(childRow).toMatchObject({ workflowId: child, status: 'completed', parentExecutionId: parent.id, parentBlockId: 'sub' });
  });

  it('fails the parent when the child fails, naming the child execution', async () => {
    const child = await workflowWith('Failing child', chain(code('boom', 'throw new Error("child broke")')));
    const parentId = await workflowWith('Parent of failing', chain(block('sub', 'workflow', { workflow_id: child, version: 'draft' })));
    const parent = await executeAndWait(ws.owner, parentId, { input: {} });
    expect(parent).toMatchObject({ status: 'failed', error: { block_id: 'sub', code: 'subworkflow_failed', message: expect.stringContaining('child broke') } });
  });

  it('fails the parent clearly when the child pauses at an approval, and cancels the child instead of leaving it waiting', async () => {
    const child = await workflowWith('Pausing child', approvalGraph());
    const parentId = await workflowWith('Parent of pausing', chain(block('sub', 'workflow', { workflow_id: child, version: 'draft', input: { amount: 5 } })));
    const parent = await executeAndWait(ws.owner, parentId, { input: {} });
    expect(parent).toMatchObject({ status: 'failed', error: { block_id: 'sub', code: 'subworkflow_failed', message: expect.stringContaining('paused at "ask" (an approval or a long wait)') } });
    const childRow = await (await db()).execution.findFirstOrThrow({ where: { parentExecutionId: parent.id } });
    expect(childRow.status).toBe('cancelled');
  });

  it('refuses to run the deployed version of a workflow that is not deployed', async () => {
    const child = await workflowWith('Undeployed child', chain(code('x', 'return 1')));
    const parentId = await workflowWith('Parent of undeployed', chain(block('sub', 'workflow', { workflow_id: child })));
    const parent = await executeAndWait(ws.owner, parentId, { input: {} });
    expect(parent).toMatchObject({ status: 'failed', error: { code: 'not_deployed' } });
  });

  it('stops a workflow that calls itself at the nesting limit', async () => {
    const { id } = await createWorkflow(ws.owner, { name: 'Recursive' });
    await replaceGraph(ws.owner, id, chain(block('again', 'workflow', { workflow_id: id, version: 'draft' })));
    const run = await executeAndWait(ws.owner, id, { input: {} });
    expect(run).toMatchObject({ status: 'failed', error: { code: 'subworkflow_failed', message: expect.stringContaining('levels deep') } });
  });
});

describe('approval', () => {
  it('answers execute as soon as the execution waits, holding no process; a decision resumes it down its branch', async () => {
    const id = await workflowWith('Refunds', approvalGraph());
    const waiting = await executeAndWait(ws.owner, id, { input: { amount: 30 } });
    expect(waiting).toMatchObject({ status: 'waiting', output: null, waiting_on: [{ block_id: 'ask', message: 'Refund 30?', awaits_decision: true, resume_at: null }] });
    expect(executionRuntime().isRunning(waiting.id)).toBe(false);
    // What a restart does first: nothing waiting is taken for an orphan of a crash.
    await markInterruptedExecutions();
    await scheduleWaitingExecutions();

    const done = await resumeExecution(ws.owner, id, waiting.id, { block_id: 'ask', decision: 'approved', data: { note: 'ok' } });
    expect(done).toMatchObject({ status: 'completed', output: { pay: 'paid 30' }, waiting_on: null });
    const { block_logs } = await getBlockLogs(ws.owner, id, waiting.id);
    expect(block_logs.find((l) => l.block_id === 'ask')).toMatchObject({ status: 'success', output: { decision: 'approved', data: { note: 'ok' } } });
    expect(block_logs.find((l) => l.block_id === 'deny')).toMatchObject({ status: 'skipped' });
    const events = await (await db()).executionEvent.findMany({ where: { executionId: waiting.id }, orderBy: { seq: 'asc' } });
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events.map((e) => e.type)).toContain('block_waiting');
    expect(events.at(-1)?.type).toBe('done');
  });

  it('answers 409 not_waiting to a second decision, or a decision for a block it does not wait at', async () => {
    const id = await workflowWith('Once', approvalGraph());
    const waiting = await executeAndWait(ws.owner, id, { input: { amount: 1 } });
    await expect(resumeExecution(ws.owner, id, waiting.id, { block_id: 'pay', decision: 'approved' })).rejects.toMatchObject({ code: 'not_waiting', status: 409 });
    await resumeExecution(ws.owner, id, waiting.id, { block_id: 'ask', decision: 'rejected' });
    const again = resumeExecution(ws.owner, id, waiting.id, { block_id: 'ask', decision: 'approved' });
    await expect(again).rejects.toBeInstanceOf(ApiError);
    await expect(again).rejects.toMatchObject({ code: 'not_waiting' });
  });

  it('decides by itself at its timeout: the chosen outcome, or a failure', async () => {
    const rejecting = await workflowWith('Times out to reject', approvalGraph({ timeout_seconds: 1, on_timeout: 'reject' }));
    const first = await executeAndWait(ws.owner, rejecting, { input: { amount: 5 } });
    expect(first.status).toBe('waiting');
    const prisma = await db();
    const read = (executionId: string) => () => prisma.execution.findUniqueOrThrow({ where: { id: executionId } });
    expect(await until(read(first.id), (row) => row.status !== 'waiting' && row.status !== 'running')).toMatchObject({ status: 'completed', output: { deny: 'denied' } });

    const failing = await workflowWith('Times out to fail', approvalGraph({ timeout_seconds: 1 }));
    const second = await executeAndWait(ws.owner, failing, { input: { amount: 5 } });
    // Its timer takes it back to running for a moment before it records the failure.
    expect(await until(read(second.id), (row) => row.status !== 'waiting' && row.status !== 'running')).toMatchObject({
      status: 'failed',
      error: { block_id: 'ask', code: 'approval_timeout' },
    });
  });

  it('can be cancelled while it waits', async () => {
    const id = await workflowWith('Cancel me', approvalGraph());
    const waiting = await executeAndWait(ws.owner, id, { input: { amount: 1 } });
    expect(await cancelExecution(ws.owner, id, waiting.id)).toMatchObject({ status: 'cancelled' });
  });
});

describe('long wait', () => {
  it('pauses the execution until its time; after a restart a wait that came due resumes', async () => {
    const id = await workflowWith('Wait a day', chain(block('pause', 'wait', { seconds: 86_400 }), code('after', 'return "later"')));
    const waiting = await executeAndWait(ws.owner, id, { input: {} });
    expect(waiting).toMatchObject({ status: 'waiting', waiting_on: [{ block_id: 'pause', awaits_decision: false }] });
    // A day later, on a server that just started:
    const prisma = await db();
    const row = await prisma.execution.findUniqueOrThrow({ where: { id: waiting.id } });
    const [wait] = row.waitingOn as { resume_at: string }[];
    await prisma.execution.update({ where: { id: row.id }, data: { waitingOn: [{ ...wait, resume_at: new Date(Date.now() - 1000).toISOString() }] } });
    await scheduleWaitingExecutions();
    const done = await until(() => prisma.execution.findUniqueOrThrow({ where: { id: row.id } }), (r) => r.status === 'completed');
    expect(done.blockOutputs).toMatchObject({ pause: { waited_ms: 86_400_000 }, after: 'later' });
  });
});
