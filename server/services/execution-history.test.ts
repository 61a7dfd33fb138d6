import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../db';
import { chain } from '@/server/test/graphs';
import { setupTestDatabase } from '../test/database';
import { twoWorkspaces, type TestWorkspace } from '../test/fixtures';
import { deleteAllExecutions, pruneOldExecutions, searchExecutions } from './execution-history';
import { createWorkflow } from './workflows';
import { setEnv, unsetEnv } from '@/server/test/env';

setupTestDatabase();
let ws: TestWorkspace;
let other: TestWorkspace;
let alpha: string;
let beta: string;

async function seed(workspaceId: string, workflowId: string, rows: { status: 'completed' | 'failed' | 'running'; trigger: 'manual' | 'api' | 'webhook'; input: object; output?: unknown; error?: object; createdAt: Date }[]) {
  const prisma = await db();
  for (const row of rows) {
    await prisma.execution.create({
      data: { workspaceId, workflowId, version: 1, graph: chain(), status: row.status, trigger: row.trigger, input: row.input, output: row.output as never, error: row.error as never, createdAt: row.createdAt },
    });
  }
}

const day = (n: number) => new Date(Date.UTC(2026, 10, n, 12));

beforeAll(async () => {
  [ws, other] = await twoWorkspaces('History', 'Elsewhere');
  alpha = (await createWorkflow(ws.owner, { name: 'Alpha' })).id;
  beta = (await createWorkflow(ws.owner, { name: 'Beta' })).id;
  const stranger = (await createWorkflow(other.owner, { name: 'Stranger' })).id;
  await seed(ws.id, alpha, [
    { status: 'completed', trigger: 'manual', input: { text: 'summarize the quarterly report' }, output: 'Revenue grew', createdAt: day(1) },
    { status: 'failed', trigger: 'api', input: { text: 'translate to french' }, error: { message: 'Provider quota exceeded', block_id: 'llm', code: 'block_failed' }, createdAt: day(2) },
    { status: 'completed', trigger: 'webhook', input: { order: 1234 }, output: { shipped: true }, createdAt: day(3) },
  ]);
  await seed(ws.id, beta, [{ status: 'running', trigger: 'api', input: { text: 'quarterly numbers again' }, createdAt: day(4) }]);
  await seed(other.id, stranger, [{ status: 'completed', trigger: 'api', input: { text: 'quarterly secrets' }, createdAt: day(5) }]);
});

const ids = (result: Awaited<ReturnType<typeof searchExecutions>>) => result.executions.map((e) => `${e.workflow_name}:${e.status}:${e.trigger}`);

describe('the execution history', () => {
  it('lists the whole workspace newest first with workflow names and short previews, never another workspace', async () => {
    const result = await searchExecutions(ws.owner, {});
    expect(result.total).toBe(4);
    expect(ids(result)).toEqual(['Beta:running:api', 'Alpha:completed:webhook', 'Alpha:failed:api', 'Alpha:completed:manual']);
    expect(result.executions[1]).toMatchObject({ input_preview: '{"order":1234}', output_preview: '{"shipped":true}' });
    expect(result.executions[1]).not.toHaveProperty('input');
  });

  it('filters by workflow, status, trigger and time range, together', async () => {
    expect(ids(await searchExecutions(ws.owner, { workflow_id: beta }))).toEqual(['Beta:running:api']);
    expect(ids(await searchExecutions(ws.owner, { status: 'failed' }))).toEqual(['Alpha:failed:api']);
    expect(ids(await searchExecutions(ws.owner, { trigger: 'api' }))).toEqual(['Beta:running:api', 'Alpha:failed:api']);
    expect(ids(await searchExecutions(ws.owner, { from: day(2).toISOString(), to: day(4).toISOString() }))).toEqual(['Alpha:completed:webhook', 'Alpha:failed:api']);
    expect(ids(await searchExecutions(ws.owner, { workflow_id: alpha, trigger: 'api', status: 'completed' }))).toEqual([]);
  });

  it('searches the words of input, output and error', async () => {
    expect(ids(await searchExecutions(ws.owner, { q: 'quarterly' }))).toEqual(['Beta:running:api', 'Alpha:completed:manual']);
    expect(ids(await searchExecutions(ws.owner, { q: 'quota' }))).toEqual(['Alpha:failed:api']);
    expect(ids(await searchExecutions(ws.owner, { q: 'revenue' }))).toEqual(['Alpha:completed:manual']);
    expect(ids(await searchExecutions(ws.owner, { q: '"quarterly report"' }))).toEqual(['Alpha:completed:manual']);
    expect((await searchExecutions(ws.owner, { q: 'secrets' })).total).toBe(0);
  });

  it('pages', async () => {
    const page = await searchExecutions(ws.owner, { limit: 2, offset: 1 });
    expect(page).toMatchObject({ total: 4, limit: 2, offset: 1 });
    expect(ids(page)).toEqual(['Alpha:completed:webhook', 'Alpha:failed:api']);
  });

  it('refuses a workflow of another workspace as missing', async () => {
    const stranger = (await searchExecutions(other.owner, {})).executions[0].workflow_id;
    await expect(searchExecutions(ws.owner, { workflow_id: stranger })).rejects.toMatchObject({ code: 'workflow_not_found' });
  });
});

describe('deleting and retention', () => {
  it('deletes all ended executions of a workflow for editors, keeping running ones', async () => {
    await expect(deleteAllExecutions(ws.callerFor('viewer'), beta)).rejects.toMatchObject({ code: 'forbidden' });
    expect(await deleteAllExecutions(ws.callerFor('editor'), beta)).toEqual({ deleted: 0 });
    expect((await searchExecutions(ws.owner, { workflow_id: beta })).total).toBe(1);
  });

  it('prunes executions older than the retention period', async () => {
    setEnv('WEFT_EXECUTION_RETENTION_DAYS', '3');
    try {
      // "now" is day 5: day 1 is older than three days (running ones are never pruned).
      expect(await pruneOldExecutions(day(5))).toBe(1);
      expect(ids(await searchExecutions(ws.owner, { workflow_id: alpha }))).toEqual(['Alpha:completed:webhook', 'Alpha:failed:api']);
    } finally {
      unsetEnv('WEFT_EXECUTION_RETENTION_DAYS');
    }
  });
});
