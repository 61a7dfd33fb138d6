import type { z } from 'zod';
import { requireRole, type Caller } from '../auth/caller';
import { db } from '../db';
import { Prisma } from '../db/generated/client';
import { ApiError } from '../errors';
import { InvalidGraphError, type GraphProblem } from '../graph/problems';
import type { Graph } from '@/lib/graph/schema';
import { workflowGraphProblems } from './graph-validation';
import {
  createWorkflowInput,
  EXPORT_FORMAT,
  EXPORT_FORMAT_VERSION,
  importWorkflowInput,
  listWorkflowsQuery,
  patchWorkflowInput,
  putGraphInput,
  type WorkflowSummary,
  type WorkflowView,
} from './workflow-schemas';

// Workflows of the caller's workspace. A workflow of another workspace is treated exactly like a missing one.

const EMPTY_GRAPH: Graph = { blocks: [], edges: [] };

const withCounts = { _count: { select: { executions: true } } } satisfies Prisma.WorkflowInclude;
type WorkflowRow = Prisma.WorkflowGetPayload<{ include: typeof withCounts }>;

export const workflowNotFound = () => new ApiError('workflow_not_found', 'No workflow with that id in this workspace');
const deployedConflict = () =>
  new ApiError('already_deployed', 'The workflow is deployed; undeploy it before changing it');

export function storedGraph(row: { graph: unknown }): Graph {
  const graph = row.graph as Partial<Graph> | null;
  return { blocks: graph?.blocks ?? [], edges: graph?.edges ?? [] };
}

interface LastExecution {
  id: string;
  status: WorkflowSummary['last_execution_status'] & string;
  createdAt: Date;
}

function summary(row: WorkflowRow, last: LastExecution | undefined): WorkflowSummary {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    version: row.version,
    deployed: row.deployedAt !== null,
    deployed_at: row.deployedAt?.toISOString() ?? null,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
    block_count: storedGraph(row).blocks.length,
    execution_count: row._count.executions,
    last_execution_at: last?.createdAt.toISOString() ?? null,
    last_execution_id: last?.id ?? null,
    last_execution_status: last?.status ?? null,
  };
}

/** The newest execution of each workflow, in one query that walks the (workflowId, createdAt) index. */
async function lastExecutions(workflowIds: string[]): Promise<Map<string, LastExecution>> {
  if (workflowIds.length === 0) return new Map();
  const prisma = await db();
  const rows = await prisma.$queryRaw<(LastExecution & { workflowId: string })[]>`
    SELECT DISTINCT ON ("workflowId") "workflowId", "id", "status"::text AS "status", "createdAt"
      FROM "Execution" WHERE "workflowId" IN (${Prisma.join(workflowIds)})
     ORDER BY "workflowId", "createdAt" DESC`;
  return new Map(rows.map((r) => [r.workflowId, r]));
}

async function view(row: WorkflowRow): Promise<WorkflowView> {
  const last = await lastExecutions([row.id]);
  return { ...summary(row, last.get(row.id)), ...storedGraph(row) };
}

async function findRow(caller: Caller, id: string): Promise<WorkflowRow> {
  const prisma = await db();
  const row = await prisma.workflow.findFirst({ where: { id, workspaceId: caller.workspaceId }, include: withCounts });
  if (!row) throw workflowNotFound();
  return row;
}

/** Prisma's `contains` is an ILIKE: `%`, `_` and the escape character itself must match literally. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, '\\$&');

export async function listWorkflows(caller: Caller, query: z.input<typeof listWorkflowsQuery>) {
  const { limit, offset, q, sort } = listWorkflowsQuery.parse(query);
  const prisma = await db();
  const pattern = q ? likeLiteral(q) : null;
  const where: Prisma.WorkflowWhereInput = {
    workspaceId: caller.workspaceId,
    ...(pattern ? { OR: [{ name: { contains: pattern, mode: 'insensitive' } }, { description: { contains: pattern, mode: 'insensitive' } }] } : {}),
  };
  const orderBy: Prisma.WorkflowOrderByWithRelationInput[] =
    sort === 'updated' ? [{ updatedAt: 'desc' }, { id: 'desc' }] : [{ name: sort === 'name' ? 'asc' : 'desc' }, { id: 'asc' }];
  const [rows, total] = await Promise.all([
    prisma.workflow.findMany({ where, include: withCounts, orderBy, take: limit, skip: offset }),
    prisma.workflow.count({ where }),
  ]);
  const last = await lastExecutions(rows.map((r) => r.id));
  return { workflows: rows.map((r) => summary(r, last.get(r.id))), total, limit, offset };
}

export async function getWorkflow(caller: Caller, id: string): Promise<WorkflowView> {
  return view(await findRow(caller, id));
}

export async function createWorkflow(caller: Caller, input: z.input<typeof createWorkflowInput>, graph: Graph = EMPTY_GRAPH) {
  requireRole(caller, 'editor');
  const { name, description } = createWorkflowInput.parse(input);
  const prisma = await db();
  const row = await prisma.workflow.create({
    data: { workspaceId: caller.workspaceId, name, description: description ?? null, graph: graph as Prisma.InputJsonValue },
    include: withCounts,
  });
  return view(row);
}

/**
 * Renames or re-describes a workflow. The REST contract refuses any change to a deployed workflow; the app's own
 * screens (`whileDeployed`) may rename one, since a name is not what runs: the deployed version, its webhooks and
 * triggers keep answering as before, as they do while the editor changes the draft.
 */
export async function updateWorkflow(caller: Caller, id: string, input: z.input<typeof patchWorkflowInput>, options: { whileDeployed?: boolean } = {}) {
  requireRole(caller, 'editor');
  const patch = patchWorkflowInput.parse(input);
  const existing = await findRow(caller, id);
  if (existing.deployedAt && !options.whileDeployed) throw deployedConflict();
  const prisma = await db();
  const { count } = await prisma.workflow.updateMany({
    where: { id, workspaceId: caller.workspaceId, ...(options.whileDeployed ? {} : { deployedAt: null }) },
    data: { ...patch, updatedAt: new Date() },
  });
  // Gone meanwhile, or (for REST) deployed between the read and the write.
  if (count === 0) throw options.whileDeployed ? workflowNotFound() : deployedConflict();
  return getWorkflow(caller, id);
}

export async function deleteWorkflow(caller: Caller, id: string): Promise<void> {
  requireRole(caller, 'editor');
  const existing = await findRow(caller, id);
  if (existing.deployedAt) throw deployedConflict();
  const prisma = await db();
  // Executions, logs, events, versions and webhooks go with it (ON DELETE CASCADE).
  const { count } = await prisma.workflow.deleteMany({ where: { id, workspaceId: caller.workspaceId, deployedAt: null } });
  if (count === 0) throw deployedConflict();
}

export interface ReplaceGraphOptions {
  /** From `If-Match`: the version the client last saw; a newer stored version answers version_conflict. */
  expectedVersion?: number;
  /** Restoring a version stores it as it was; everything else may only store graphs that pass validation. */
  allowInvalid?: boolean;
  /** Only the draft changes (restoring a version): allowed while deployed, the deployed version keeps running. */
  draftOnly?: boolean;
}

/** Replaces the whole graph atomically and bumps the version; nothing is saved when anything is wrong. */
export async function replaceGraph(caller: Caller, id: string, input: z.input<typeof putGraphInput>, options: ReplaceGraphOptions = {}) {
  requireRole(caller, 'editor');
  const graph = putGraphInput.parse(input);
  const existing = await findRow(caller, id);
  if (existing.deployedAt && !options.draftOnly) throw deployedConflict();
  const problems = await workflowGraphProblems(graph, caller.workspaceId);
  if (problems.length > 0 && !options.allowInvalid) throw new InvalidGraphError(problems);
  if (options.expectedVersion !== undefined && options.expectedVersion !== existing.version) throw versionConflict(existing.version);

  const prisma = await db();
  const { count } = await prisma.workflow.updateMany({
    where: {
      id,
      workspaceId: caller.workspaceId,
      ...(options.draftOnly ? {} : { deployedAt: null }),
      // Without If-Match the write still only lands on the version that was checked above.
      version: options.expectedVersion ?? existing.version,
    },
    data: { graph: graph as Prisma.InputJsonValue, version: { increment: 1 }, updatedAt: new Date() },
  });
  if (count === 0) throw await graphWriteRefusal(caller, id, !options.draftOnly);
  return { workflow: await getWorkflow(caller, id), problems };
}

/**
 * The editor's autosave: stores work in progress even when it does not validate, answering with the new version
 * (the next save's precondition) and the problems to show. One conditional write; the workflow is only read
 * when the write was refused, to say why. `graph` is already parsed (the tRPC input did it). A deployed workflow's
 * draft is saved too: the deployed version is a snapshot of its own and keeps running until changes are deployed.
 */
export async function saveDraft(caller: Caller, id: string, graph: Graph, expectedVersion?: number): Promise<{ version: number; problems: GraphProblem[] }> {
  requireRole(caller, 'editor');
  const problems = await workflowGraphProblems(graph, caller.workspaceId);
  const prisma = await db();
  const [saved] = await prisma.workflow.updateManyAndReturn({
    where: { id, workspaceId: caller.workspaceId, ...(expectedVersion === undefined ? {} : { version: expectedVersion }) },
    data: { graph: graph as Prisma.InputJsonValue, version: { increment: 1 }, updatedAt: new Date() },
    select: { version: true },
  });
  if (!saved) throw await graphWriteRefusal(caller, id, false);
  return { version: saved.version, problems };
}

/** Why a conditional graph write changed nothing: no such workflow, deployed (when that refuses it), or a newer version. */
async function graphWriteRefusal(caller: Caller, id: string, deployedRefuses: boolean): Promise<ApiError> {
  const prisma = await db();
  const now = await prisma.workflow.findFirst({ where: { id, workspaceId: caller.workspaceId }, select: { version: true, deployedAt: true } });
  if (!now) return workflowNotFound();
  return now.deployedAt && deployedRefuses ? deployedConflict() : versionConflict(now.version);
}

function versionConflict(current: number) {
  return new ApiError('version_conflict', `The workflow was changed meanwhile: its current version is ${current}`, [
    { path: 'If-Match', message: `current version is ${current}` },
  ]);
}

/** Parses an `If-Match` header (`"3"`, `3` or `W/"3"`); absent means no precondition. */
export function parseIfMatch(header: string | null): number | undefined {
  if (header === null || header.trim() === '' || header.trim() === '*') return undefined;
  const match = header.trim().match(/^(?:W\/)?"?(\d{1,9})"?$/);
  if (!match) {
    throw new ApiError('validation_error', 'If-Match must name a workflow version, e.g. "3"', [
      { path: 'If-Match', message: 'expected a quoted version number' },
    ]);
  }
  return Number(match[1]);
}

export async function exportWorkflow(caller: Caller, id: string) {
  const row = await findRow(caller, id);
  return {
    format: EXPORT_FORMAT,
    format_version: EXPORT_FORMAT_VERSION,
    name: row.name,
    description: row.description,
    ...storedGraph(row),
    exported_at: new Date().toISOString(),
  };
}

export async function importWorkflow(caller: Caller, input: z.input<typeof importWorkflowInput>) {
  requireRole(caller, 'editor');
  const data = importWorkflowInput.parse(input);
  const graph = { blocks: data.blocks, edges: data.edges };
  const problems = await workflowGraphProblems(graph, caller.workspaceId);
  if (problems.length > 0) throw new InvalidGraphError(problems);
  return createWorkflow(caller, { name: data.name, description: data.description ?? null }, graph);
}

export async function duplicateWorkflow(caller: Caller, id: string) {
  requireRole(caller, 'editor');
  const row = await findRow(caller, id);
  return createWorkflow(caller, { name: `${row.name} (copy)`.slice(0, 200), description: row.description }, storedGraph(row));
}
