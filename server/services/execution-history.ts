import { z } from 'zod';
import { requireRole, type Caller } from '../auth/caller';
import { db } from '../db';
import { Prisma } from '../db/generated/client';
import { env } from '../env';
import { unfinishedExecutionStatuses, executionStatuses, executionTriggers } from '@/lib/execution-states';
import { MAX_SEARCH_LENGTH } from '@/lib/search';
import { paginationQuery } from './pagination';
import { executionSummary, queuePositionsOf } from './executions/reads';
import { workflowNotFound } from './workflows';

// The history people browse: every execution of the workspace (or of one workflow), filtered by status,
// trigger and time, searched in full text over input, output and error, paged newest first. Indexed so the
// first page, a filtered page and a search stay fast at 100,000 executions (bench/history.ts measures it).

export const historyQuery = z.object({
  workflow_id: z.string().min(1).optional(),
  status: z.enum(executionStatuses).optional(),
  trigger: z.enum(executionTriggers).optional(),
  trigger_id: z.string().min(1).max(64).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  q: z.string().trim().max(MAX_SEARCH_LENGTH).optional(),
  ...paginationQuery,
});

const PREVIEW_CHARS = 160;

function preview(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS - 1)}…` : text;
}

export async function searchExecutions(caller: Caller, query: z.input<typeof historyQuery>) {
  const { workflow_id, status, trigger, trigger_id, from, to, q, limit, offset } = historyQuery.parse(query);
  const prisma = await db();
  if (workflow_id) {
    const workflow = await prisma.workflow.findFirst({ where: { id: workflow_id, workspaceId: caller.workspaceId }, select: { id: true } });
    if (!workflow) throw workflowNotFound();
  }
  const conditions = [Prisma.sql`"workspaceId" = ${caller.workspaceId}`];
  if (workflow_id) conditions.push(Prisma.sql`"workflowId" = ${workflow_id}`);
  if (status) conditions.push(Prisma.sql`"status" = ${status}::"ExecutionStatus"`);
  if (trigger) conditions.push(Prisma.sql`"trigger" = ${trigger}::"ExecutionTrigger"`);
  if (trigger_id) conditions.push(Prisma.sql`"triggerId" = ${trigger_id}`);
  if (from) conditions.push(Prisma.sql`"createdAt" >= ${new Date(from)}`);
  if (to) conditions.push(Prisma.sql`"createdAt" < ${new Date(to)}`);
  if (q) conditions.push(Prisma.sql`"searchVector" @@ websearch_to_tsquery('simple', ${q})`);
  const where = Prisma.join(conditions, ' AND ');

  const [ids, counted] = await Promise.all([
    prisma.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Execution" WHERE ${where} ORDER BY "createdAt" DESC, "id" DESC LIMIT ${limit} OFFSET ${offset}`,
    prisma.$queryRaw<{ total: bigint }[]>`SELECT count(*) AS "total" FROM "Execution" WHERE ${where}`,
  ]);
  const rows = await prisma.execution.findMany({
    where: { id: { in: ids.map((r) => r.id) } },
    include: { workflow: { select: { name: true } } },
  });
  const byId = new Map(rows.map((row) => [row.id, row]));
  const positions = await queuePositionsOf(rows);
  const executions = ids
    .map(({ id }) => byId.get(id))
    .filter((row) => row !== undefined)
    .map((row) => {
      const { input, output, ...summary } = executionSummary(row, positions.get(row.id));
      return {
        ...summary,
        workflow_name: row.workflow.name,
        input_preview: preview(input),
        output_preview: preview(output),
      };
    });
  return { executions, total: Number(counted[0]?.total ?? 0), limit, offset };
}

/** A workflow's "delete all executions": everything that has ended, with logs and events. */
export async function deleteAllExecutions(caller: Caller, workflowId: string) {
  requireRole(caller, 'editor');
  const prisma = await db();
  const workflow = await prisma.workflow.findFirst({ where: { id: workflowId, workspaceId: caller.workspaceId }, select: { id: true } });
  if (!workflow) throw workflowNotFound();
  const { count } = await prisma.execution.deleteMany({
    where: { workflowId, workspaceId: caller.workspaceId, status: { notIn: [...unfinishedExecutionStatuses] } },
  });
  return { deleted: count };
}

/** Retention: executions older than WEFT_EXECUTION_RETENTION_DAYS go, with their logs and events. */
export async function pruneOldExecutions(now = new Date()): Promise<number> {
  const days = env().WEFT_EXECUTION_RETENTION_DAYS;
  if (days <= 0) return 0;
  const prisma = await db();
  const cutoff = new Date(now.getTime() - days * 86_400_000);
  const { count } = await prisma.execution.deleteMany({ where: { createdAt: { lt: cutoff }, status: { notIn: [...unfinishedExecutionStatuses] } } });
  if (count > 0) console.log(`[weft] retention: deleted ${count} execution(s) older than ${days} days`);
  return count;
}
