import type { Graph } from '@/lib/graph/schema';
import { db } from '../db';
import { storableJson } from '../db/json';
import { runExecution } from '../services/executions/run';

/** Runs `graph` as an execution of the workflow, in this process, to its end; answers the finished row. */
export async function runToEnd(workspaceId: string, workflowId: string, graph: Graph, input: Record<string, unknown> = {}) {
  const prisma = await db();
  const startedAt = new Date();
  const row = await prisma.execution.create({ data: { workspaceId, workflowId, version: 1, graph, status: 'running', trigger: 'api', input: storableJson(input), startedAt } });
  await runExecution({ executionId: row.id, workspaceId, workflowId, graph, input, startedAt, capMs: 60_000, depth: 0 }, new AbortController().signal);
  return prisma.execution.findUniqueOrThrow({ where: { id: row.id }, include: { blockLogs: { orderBy: { executionOrder: 'asc' } } } });
}
