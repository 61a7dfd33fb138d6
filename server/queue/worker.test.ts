import { describe, expect, it } from 'vitest';
import { db } from '../db';
import { launchExecution } from '../services/executions/launch';
import { setupTestDatabase } from '../test/database';
import { workspaceWithWorkflow } from '../test/fixtures';
import { block, chain } from '../test/graphs';
import { runQueued } from './worker';

// A job can reach the worker process that is still running its execution: a wake-up queued just before the pause
// was written comes due at once. Claiming it then would run the execution a second time beside the first.

setupTestDatabase();

describe('a job for an execution this process still runs', () => {
  it('is refused for a later retry, and the execution runs its blocks once', async () => {
    const { ws, workflowId } = await workspaceWithWorkflow('Worker', 'Still running');
    const graph = chain(block('once', 'code', { code: 'return { n: 1 }' }), block('slow', 'code', { code: 'await new Promise(r => setTimeout(r, 1500)); return once.n + 1' }));
    const source = { graph, version: 1, versionId: null };
    const { id, done } = await launchExecution({ workspaceId: ws.id, workflowId, source, trigger: 'api', input: {}, capMs: 60_000 });
    const prisma = await db();
    await expect.poll(() => prisma.executionEvent.count({ where: { executionId: id, type: 'block_start', data: { path: ['block_id'], equals: 'slow' } } }), { timeout: 30_000 }).toBe(1);

    const logged: string[] = [];
    await expect(runQueued({ executionId: id, capMs: 60_000, depth: 0 }, (line) => logged.push(line))).rejects.toThrow(`execution ${id} is still running here`);
    await done;

    expect(await prisma.execution.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'completed', output: { slow: 2 } });
    expect(await prisma.executionEvent.count({ where: { executionId: id, type: 'block_start' } })).toBe(4);
    expect(await prisma.blockLog.count({ where: { executionId: id } })).toBe(4);
    // Retried once it has ended, the job finds nothing to run.
    await runQueued({ executionId: id, capMs: 60_000, depth: 0 }, (line) => logged.push(line));
    expect(logged).toEqual([`execution ${id}: nothing to run (ended, taken or waiting)`]);
  });
});
