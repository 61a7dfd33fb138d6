import os from 'node:os';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../db';
import { RUNNER_ID } from '../../engine/runner';
import { chain } from '@/server/test/graphs';
import { setupTestDatabase } from '../../test/database';
import { workspaceWithWorkflow, type TestWorkspace } from '../../test/fixtures';
import { cancelExecution } from './cancel';
import { markInterruptedExecutions } from './recovery';

// What a server that died mid-run leaves behind: executions that say "running" but that no process runs.

setupTestDatabase();
let ws: TestWorkspace;
let workflowId: string;
/** A process of this host that no longer exists. */
const deadRunner = `${os.hostname()}:999999999:1`;

beforeAll(async () => ({ ws, workflowId } = await workspaceWithWorkflow('Recovery', 'Long runner')));

async function runningExecution(runnerId: string, events = 0) {
  const prisma = await db();
  const row = await prisma.execution.create({
    data: { workspaceId: ws.id, workflowId, version: 1, graph: chain(), status: 'running', trigger: 'api', input: {}, runnerId, startedAt: new Date() },
  });
  for (let seq = 1; seq <= events; seq++) {
    await prisma.executionEvent.create({ data: { executionId: row.id, seq, type: 'block_start', data: { type: 'block_start', execution_id: row.id } } });
  }
  return row.id;
}

describe('markInterruptedExecutions', () => {
  it('fails what a dead process left running with code interrupted and ends its event stream, leaving live runs alone', async () => {
    const orphan = await runningExecution(deadRunner, 2);
    const ours = await runningExecution(RUNNER_ID);
    expect(await markInterruptedExecutions()).toBe(1);

    const prisma = await db();
    const row = await prisma.execution.findUniqueOrThrow({ where: { id: orphan } });
    expect(row).toMatchObject({ status: 'failed', error: { code: 'interrupted', block_id: null }, lastEventSeq: 3 });
    expect(row.completedAt).not.toBeNull();
    const last = await prisma.executionEvent.findFirst({ where: { executionId: orphan }, orderBy: { seq: 'desc' } });
    expect(last).toMatchObject({ seq: 3, type: 'error', data: { code: 'interrupted' } });
    expect((await prisma.execution.findUniqueOrThrow({ where: { id: ours } })).status).toBe('running');
  });

  it('records how long an interrupted execution ran', async () => {
    const startedAt = new Date(Date.now() - 5_000);
    const prisma = await db();
    const row = await prisma.execution.create({
      data: { workspaceId: ws.id, workflowId, version: 1, graph: chain(), status: 'running', trigger: 'api', input: {}, runnerId: deadRunner, startedAt },
    });
    expect(await markInterruptedExecutions()).toBe(1);
    const marked = await prisma.execution.findUniqueOrThrow({ where: { id: row.id } });
    expect(marked.durationMs).toBeGreaterThanOrEqual(5_000);
    expect(marked.durationMs).toBe(marked.completedAt!.getTime() - startedAt.getTime());
  });
});

describe('cancelExecution of an execution no process here runs', () => {
  it('records it as cancelled directly', async () => {
    const id = await runningExecution(deadRunner);
    const view = await cancelExecution(ws.owner, workflowId, id);
    expect(view).toMatchObject({ id, status: 'cancelled', error: { code: 'cancelled', message: 'The execution was cancelled' } });
    expect(view.completed_at).not.toBeNull();
    await expect(cancelExecution(ws.owner, workflowId, id)).rejects.toMatchObject({ code: 'execution_finished' });
  });
});
