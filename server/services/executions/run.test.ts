import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../db';
import { block, chain } from '@/server/test/graphs';
import { setupTestDatabase } from '../../test/database';
import { workspaceWithWorkflow, type TestWorkspace } from '../../test/fixtures';
import { runExecution } from './run';

// Resuming an execution an earlier attempt began: what it recorded stands, the rest runs, the record continues.

setupTestDatabase();
let ws: TestWorkspace;
let workflowId: string;

beforeAll(async () => ({ ws, workflowId } = await workspaceWithWorkflow('Resume', 'Half done')));

describe('runExecution with resume', () => {
  it('reuses recorded block outputs, runs the rest and appends events after the last one written', async () => {
    const graph = chain(block('fast', 'code', { code: 'throw new Error("ran twice")' }), block('slow', 'code', { code: 'return fast.n + 1' }));
    const prisma = await db();
    const startedAt = new Date();
    const row = await prisma.execution.create({
      data: { workspaceId: ws.id, workflowId, version: 1, graph, status: 'running', trigger: 'api', input: {}, startedAt },
    });
    const settled = { status: 'success' as const, blockType: 'code', completedAt: new Date(), attempts: 1, console: [] };
    await prisma.blockLog.createMany({
      data: [
        { ...settled, executionId: row.id, blockId: 'input', blockType: 'input', output: {}, executionOrder: 1 },
        { ...settled, executionId: row.id, blockId: 'fast', output: { n: 41 }, executionOrder: 2 },
      ],
    });
    for (const [seq, type] of ['execution_start', 'block_start', 'block_complete'].entries()) {
      await prisma.executionEvent.create({ data: { executionId: row.id, seq: seq + 1, type, data: { type, execution_id: row.id } } });
    }

    const job = { executionId: row.id, workspaceId: ws.id, workflowId, graph, input: {}, startedAt, capMs: 60_000, depth: 0 };
    await runExecution({ ...job, resume: true }, new AbortController().signal);

    const done = await prisma.execution.findUniqueOrThrow({ where: { id: row.id } });
    expect(done).toMatchObject({ status: 'completed', output: { slow: 42 } });
    const events = await prisma.executionEvent.findMany({ where: { executionId: row.id }, orderBy: { seq: 'asc' } });
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events.filter((e) => e.type === 'execution_start')).toHaveLength(1);
    expect(events.at(-1)).toMatchObject({ type: 'done', seq: done.lastEventSeq });
    const logs = await prisma.blockLog.findMany({ where: { executionId: row.id }, orderBy: { executionOrder: 'asc' } });
    expect(logs.map((l) => [l.blockId, l.executionOrder])).toEqual([['input', 1], ['fast', 2], ['slow', 3], ['output', 4]]);
  });
});
