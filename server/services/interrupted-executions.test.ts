import os from 'node:os';
import { expect, it } from 'vitest';
import { db } from '../db';
import { chain } from '../graph/test-graphs';
import { setupTestDatabase } from '../test/database';
import { createTestWorkspace } from '../test/fixtures';
import { markInterruptedExecutions } from './executions';
import { createWorkflow } from './workflows';

setupTestDatabase();

it('marks executions an earlier process left running as failed/interrupted, with how long they ran', async () => {
  const ws = await createTestWorkspace();
  const workflowId = (await createWorkflow(ws.owner, { name: 'Crashed' })).id;
  const prisma = await db();
  // A process of this host that no longer exists (beyond the largest pid Linux hands out).
  const startedAt = new Date(Date.now() - 5_000);
  const row = await prisma.execution.create({
    data: { workspaceId: ws.id, workflowId, version: 1, graph: chain(), status: 'running', trigger: 'api', input: {}, runnerId: `${os.hostname()}:${2 ** 22 + 1}:0`, startedAt },
  });
  expect(await markInterruptedExecutions()).toBe(1);
  const marked = await prisma.execution.findUniqueOrThrow({ where: { id: row.id } });
  expect(marked).toMatchObject({ status: 'failed', error: { code: 'interrupted' } });
  expect(marked.durationMs).toBeGreaterThanOrEqual(5_000);
  expect(marked.durationMs).toBe(marked.completedAt!.getTime() - startedAt.getTime());
});
