import type { Prisma } from '../../db/generated/client';
import type { ExecutionRow } from './reads';

// The Execution row a launch creates, in one constant SQL statement: Prisma's `create` cost about as much CPU as
// the statement itself (building, then reading back a row this process already knows), on every execution.

/** The columns a launch sets; every other column starts at its default. */
type NewExecution = { graph: Prisma.InputJsonValue; input: Prisma.InputJsonValue } & Pick<
  ExecutionRow,
  | 'id'
  | 'workspaceId'
  | 'workflowId'
  | 'version'
  | 'versionId'
  | 'status'
  | 'trigger'
  | 'triggerId'
  | 'sourceExecutionId'
  | 'runnerId'
  | 'startedAt'
  | 'parentExecutionId'
  | 'parentBlockId'
>;

// Timestamps travel as ISO text cast to timestamp(3): UTC, as Prisma writes them.
const INSERT = `INSERT INTO "Execution" ("id", "workspaceId", "workflowId", "version", "versionId", "graph", "status", "trigger",
  "triggerId", "input", "sourceExecutionId", "runnerId", "startedAt", "createdAt", "parentExecutionId", "parentBlockId")
  VALUES ($1, $2, $3, $4::int, $5, $6::json, $7::"ExecutionStatus", $8::"ExecutionTrigger", $9, $10::json, $11, $12,
  $13::timestamp(3), $14::timestamp(3), $15, $16)`;

/** Inserts the row and returns it as reading it back would (without reading it back). */
export async function insertExecution(client: Prisma.TransactionClient, data: NewExecution): Promise<ExecutionRow> {
  const createdAt = new Date();
  await client.$executeRawUnsafe(
    INSERT,
    data.id,
    data.workspaceId,
    data.workflowId,
    data.version,
    data.versionId,
    JSON.stringify(data.graph),
    data.status,
    data.trigger,
    data.triggerId,
    JSON.stringify(data.input),
    data.sourceExecutionId,
    data.runnerId,
    data.startedAt?.toISOString() ?? null,
    createdAt.toISOString(),
    data.parentExecutionId,
    data.parentBlockId,
  );
  return {
    ...data,
    // What the json columns now hold, read back, is these values (they were just serialised from them).
    graph: data.graph as Prisma.JsonValue,
    input: data.input as Prisma.JsonValue,
    output: null,
    error: null,
    blockOutputs: null,
    usage: null,
    costUsd: null,
    lastEventSeq: 0,
    completedAt: null,
    durationMs: null,
    createdAt,
    waitingOn: null,
  };
}
