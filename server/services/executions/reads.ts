import type { z } from 'zod';
import type { Caller } from '../../auth/caller';
import { db } from '../../db';
import type { Prisma } from '../../db/generated/client';
import { iterationFromColumn, type ExecutionOutcome } from '../../engine/record-batch';
import { ApiError } from '../../errors';
import {
  listExecutionsQuery,
  type BlockLogView,
  type ExecutionSummary,
  type ExecutionView,
} from '../execution-schemas';
import { queuePositions } from '../../queue/queue-positions';
import { storedGraph, workflowNotFound } from '../workflows';
import { waitsOf } from './waits';

// Reading what ran, in the contract's shapes: one execution, a workflow's page of them, their block logs.

export type ExecutionRow = Prisma.ExecutionGetPayload<object>;

const executionNotFound = () => new ApiError('execution_not_found', 'No execution with that id under that workflow');

type BlockLogRow = Prisma.BlockLogGetPayload<object>;

const iso = (date: Date | null) => date?.toISOString() ?? null;

/** The timing fields an execution and a block log share (`runTiming` in their schemas). */
function timingOf(row: Pick<ExecutionRow | BlockLogRow, 'startedAt' | 'completedAt' | 'durationMs'>) {
  return { started_at: iso(row.startedAt), completed_at: iso(row.completedAt), duration_ms: row.durationMs };
}

/** `queuePosition`: see `withQueuePositions`. */
export function executionSummary(row: ExecutionRow, queuePosition: number | null = null): ExecutionSummary {
  return {
    id: row.id,
    workflow_id: row.workflowId,
    version: row.version,
    ran_draft: row.versionId === null,
    status: row.status,
    trigger: row.trigger,
    trigger_id: row.triggerId,
    input: row.input as ExecutionSummary['input'],
    output: (row.output ?? null) as ExecutionSummary['output'],
    error: (row.error ?? null) as ExecutionSummary['error'],
    ...timingOf(row),
    created_at: row.createdAt.toISOString(),
    usage: (row.usage ?? null) as ExecutionSummary['usage'],
    parent_execution_id: row.parentExecutionId,
    parent_block_id: row.parentBlockId,
    waiting_on: row.status === 'waiting' ? waitsOf(row).map(({ block_id, message, awaits_decision, resume_at }) => ({ block_id, message, awaits_decision, resume_at })) : null,
    cost_usd: row.costUsd,
    queue_position: row.status === 'queued' ? queuePosition : null,
    source_execution_id: row.sourceExecutionId,
  };
}

/** Queue mode: the place in the queue of each row that waits there (executions of the caller's workspace only). */
export async function queuePositionsOf(rows: readonly Pick<ExecutionRow, 'id' | 'status'>[]): Promise<Map<string, number>> {
  return queuePositions(rows.filter((row) => row.status === 'queued').map((row) => row.id));
}

const RERUNS_SHOWN = 50;

async function executionView(row: ExecutionRow): Promise<ExecutionView> {
  const prisma = await db();
  const [positions, reruns] = await Promise.all([
    queuePositionsOf([row]),
    prisma.execution.findMany({
      where: { sourceExecutionId: row.id, workspaceId: row.workspaceId },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: RERUNS_SHOWN,
      select: { id: true, status: true, createdAt: true },
    }),
  ]);
  return {
    ...executionSummary(row, positions.get(row.id) ?? null),
    block_outputs: (row.blockOutputs ?? null) as ExecutionView['block_outputs'],
    reruns: reruns.map((rerun) => ({ id: rerun.id, status: rerun.status, created_at: rerun.createdAt.toISOString() })),
  };
}

/** The caller's execution under that workflow; a missing workflow and a missing execution are told apart. */
export async function findExecution(caller: Caller, workflowId: string, executionId: string): Promise<ExecutionRow> {
  const prisma = await db();
  const row = await prisma.execution.findFirst({ where: { id: executionId, workflowId, workspaceId: caller.workspaceId } });
  if (!row) {
    const workflow = await prisma.workflow.findFirst({ where: { id: workflowId, workspaceId: caller.workspaceId }, select: { id: true } });
    throw workflow ? executionNotFound() : workflowNotFound();
  }
  return row;
}

export async function getExecution(caller: Caller, workflowId: string, executionId: string): Promise<ExecutionView> {
  return executionView(await findExecution(caller, workflowId, executionId));
}

/**
 * The row of a run that was waited for: the row as it was created with the outcome this process wrote to it (what
 * the row now holds, so it is not read again), or the row as it is now when this process wrote none (another
 * process ran it, or it was cancelled meanwhile).
 */
export async function rowAfterRun(created: ExecutionRow, outcome: ExecutionOutcome | null): Promise<ExecutionRow> {
  if (outcome) return { ...created, ...outcome } as ExecutionRow;
  const prisma = await db();
  return prisma.execution.findUniqueOrThrow({ where: { id: created.id } });
}

/** The answer of a run the caller waited for (execute, re-run), like reading it afterwards gives. */
export async function executionAfterRun(created: ExecutionRow, outcome: ExecutionOutcome | null): Promise<ExecutionView> {
  return executionView(await rowAfterRun(created, outcome));
}

/** For the execution page: the execution and the graph exactly as it ran (the draft may have moved on since). */
export async function getExecutionDetail(caller: Caller, workflowId: string, executionId: string) {
  const row = await findExecution(caller, workflowId, executionId);
  return { ...(await executionView(row)), graph: storedGraph(row) };
}

export async function listExecutions(caller: Caller, workflowId: string, query: z.input<typeof listExecutionsQuery>) {
  const { limit, offset, status } = listExecutionsQuery.parse(query);
  const prisma = await db();
  const workflow = await prisma.workflow.findFirst({ where: { id: workflowId, workspaceId: caller.workspaceId }, select: { id: true } });
  if (!workflow) throw workflowNotFound();
  const where: Prisma.ExecutionWhereInput = { workflowId, workspaceId: caller.workspaceId, ...(status ? { status } : {}) };
  const [rows, total] = await Promise.all([
    prisma.execution.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: limit, skip: offset }),
    prisma.execution.count({ where }),
  ]);
  const positions = await queuePositionsOf(rows);
  return { executions: rows.map((row) => executionSummary(row, positions.get(row.id))), total, limit, offset };
}

function blockLogView(log: BlockLogRow): BlockLogView {
  return {
    block_id: log.blockId,
    block_type: log.blockType,
    block_name: log.blockName,
    status: log.status,
    input: (log.input ?? null) as BlockLogView['input'],
    output: (log.output ?? null) as BlockLogView['output'],
    error: (log.error ?? null) as BlockLogView['error'],
    ...timingOf(log),
    execution_order: log.executionOrder,
    attempts: log.attempts,
    usage: (log.usage ?? null) as BlockLogView['usage'],
    cost_usd: log.costUsd,
    console: log.console as BlockLogView['console'],
    iteration: log.iteration === '' ? null : iterationFromColumn(log.iteration),
  };
}

export async function getBlockLogs(caller: Caller, workflowId: string, executionId: string): Promise<{ block_logs: BlockLogView[] }> {
  await findExecution(caller, workflowId, executionId);
  const prisma = await db();
  const logs = await prisma.blockLog.findMany({ where: { executionId }, orderBy: { executionOrder: 'asc' } });
  return { block_logs: logs.map(blockLogView) };
}
