import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../db';
import { setupTestDatabase } from '../test/database';
import { createTestWorkspace, type TestWorkspace } from '../test/fixtures';
import { block, chain } from '../test/graphs';
import { pinOutput, startDebugRun, unpinOutput } from './debug-runs';
import { executeAndWait } from './executions/launch';
import { createWorkflow, replaceGraph } from './workflows';

// The editor's debug loop: pinned outputs stand in for their blocks in test runs only; a run from a block reuses
// what an earlier run produced upstream; one block can be tested alone with typed sample data.

setupTestDatabase();
let ws: TestWorkspace;

beforeAll(async () => {
  ws = await createTestWorkspace('Debug');
});

const twoSteps = (a: string, b = 'return { total: a.v * 10 }') => chain(block('a', 'code', { code: a }), block('b', 'code', { code: b }));

async function finished(run: { id: string; done: Promise<void> }) {
  await run.done;
  const prisma = await db();
  return prisma.execution.findUniqueOrThrow({ where: { id: run.id }, include: { blockLogs: { orderBy: { executionOrder: 'asc' } } } });
}

describe('pinned data', () => {
  it('is used instead of running the block in test runs, and never by API runs', async () => {
    const { id } = await createWorkflow(ws.owner, { name: 'Pinned' }, twoSteps('throw new Error("not pinned")'));
    await pinOutput(ws.owner, { workflow_id: id, block_id: 'a', output: { v: 4 } });

    const test = await finished(await startDebugRun(ws.owner, { workflow_id: id, mode: 'all' }));
    expect(test).toMatchObject({ status: 'completed', output: { b: { total: 40 } } });
    const a = test.blockLogs.find((log) => log.blockId === 'a')!;
    expect(a).toMatchObject({ status: 'success', output: { v: 4 }, attempts: 0 });
    expect(a.console).toEqual([expect.objectContaining({ message: 'Pinned output' })]);

    const api = await executeAndWait(ws.owner, id, { input: {} });
    expect(api).toMatchObject({ status: 'failed', error: { block_id: 'a', message: expect.stringContaining('not pinned') } });

    await unpinOutput(ws.owner, { workflow_id: id, block_id: 'a' });
    expect(await finished(await startDebugRun(ws.owner, { workflow_id: id, mode: 'all' }))).toMatchObject({ status: 'failed' });
  });
});

describe('run from here', () => {
  it('re-runs the block and what follows with the draft, reusing the earlier run upstream', async () => {
    const { id, version } = await createWorkflow(ws.owner, { name: 'From here' }, twoSteps('return { v: 1 }'));
    const first = await executeAndWait(ws.owner, id, { input: { who: 'first' } });
    expect(first.output).toEqual({ b: { total: 10 } });
    // The draft changes both blocks; a run from b must keep a's earlier output.
    await replaceGraph(ws.owner, id, twoSteps('return { v: 2 }', 'return { total: a.v * 100 }'), { expectedVersion: version });

    const again = await finished(await startDebugRun(ws.owner, { workflow_id: id, mode: 'from', block_id: 'b', execution_id: first.id }));
    expect(again).toMatchObject({ status: 'completed', output: { b: { total: 100 } }, input: { who: 'first' }, sourceExecutionId: first.id });
    expect(again.blockLogs.find((log) => log.blockId === 'a')?.console).toEqual([expect.objectContaining({ message: `Output of execution ${first.id}` })]);
  });
});

describe('test one block', () => {
  it('runs only that block, on typed sample data', async () => {
    const { id } = await createWorkflow(ws.owner, { name: 'One block' }, twoSteps('throw new Error("upstream ran")'));
    const run = await finished(await startDebugRun(ws.owner, { workflow_id: id, mode: 'block', block_id: 'b', sample: { a: { v: 7 } } }));
    expect(run.status).toBe('completed');
    expect(run.blockLogs.map((log) => [log.blockId, log.status])).toEqual([['a', 'success'], ['input', 'success'], ['b', 'success']]);
    expect(run.blockLogs.find((log) => log.blockId === 'b')?.output).toEqual({ total: 70 });
  });

  it('says which upstream block has no data', async () => {
    const { id } = await createWorkflow(ws.owner, { name: 'No data' }, twoSteps('return { v: 1 }'));
    await expect(startDebugRun(ws.owner, { workflow_id: id, mode: 'block', block_id: 'b' })).rejects.toMatchObject({ code: 'validation_error', message: expect.stringContaining('"a"') });
  });
});
