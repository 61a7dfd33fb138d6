import type { z } from 'zod';
import { requireRole, type Caller } from '../auth/caller';
import { db, getDatabase } from '../db';
import type { Prisma } from '../db/generated/client';
import { nullableJson } from '../db/json';
import { env } from '../env';
import { ApiError } from '../errors';
import { InvalidGraphError } from '../graph/problems';
import type { Graph } from '@/lib/graph/schema';
import { activeExecutions } from '../engine/active-executions';
import { endChannel, openChannel } from '../engine/event-hub';
import { ExecutionRecorder } from '../engine/recorder';
import { runGraph, type StopReason } from '../engine/run-graph';
import { RUNNER_ID, runnerIsGone } from '../engine/runner';
import { readCredential } from './credentials';
import { executionRedactor } from './execution-secrets';
import { checkExecutionRate } from './rate-limit';
import { workflowGraphProblems } from './graph-validation';
import {
  executeInput,
  listExecutionsQuery,
  type BlockLogView,
  type ExecutionSummary,
  type ExecutionView,
} from './execution-schemas';
import { storedGraph, workflowNotFound } from './workflows';
import { BlockError, type SubWorkflowResult, type WorkflowToolInfo } from '../blocks/run-context';

// Running workflows and reading what ran. The engine (server/engine) does the running; this layer checks who
// may, picks the graph, keeps the Execution row and answers in the contract's shapes.

type ExecutionRow = Prisma.ExecutionGetPayload<object>;
type Trigger = 'manual' | 'api' | 'webhook';

export const executionNotFound = () => new ApiError('execution_not_found', 'No execution with that id under that workflow');

const iso = (date: Date | null) => date?.toISOString() ?? null;

export function executionSummary(row: ExecutionRow): ExecutionSummary {
  return {
    id: row.id,
    workflow_id: row.workflowId,
    version: row.version,
    status: row.status,
    trigger: row.trigger,
    input: row.input as ExecutionSummary['input'],
    output: (row.output ?? null) as ExecutionSummary['output'],
    error: (row.error ?? null) as ExecutionSummary['error'],
    started_at: iso(row.startedAt),
    completed_at: iso(row.completedAt),
    duration_ms: row.durationMs,
    created_at: row.createdAt.toISOString(),
    usage: (row.usage ?? null) as ExecutionSummary['usage'],
  };
}

export function executionView(row: ExecutionRow): ExecutionView {
  return { ...executionSummary(row), block_outputs: (row.blockOutputs ?? null) as ExecutionView['block_outputs'] };
}

/** What a launch runs: the draft graph of the workflow, or a deployed snapshot. */
export interface GraphSource {
  graph: Graph;
  version: number;
  versionId: string | null;
}

export interface LaunchOptions {
  workspaceId: string;
  workflowId: string;
  source: GraphSource;
  trigger: Trigger;
  input: Record<string, unknown>;
  /** The longest the execution may run before it is stopped. */
  capMs: number;
  /** How many workflows deep this one was called from agent tools (0 for a run people started). */
  depth?: number;
}

/** Agents may call workflows that call workflows, but not forever. */
export const MAX_WORKFLOW_NESTING = 3;

/**
 * Starts an execution in the background and returns its id at once; `done` settles when it has ended and its
 * record is complete. Callers have already checked who may run what.
 */
export async function launchExecution(options: LaunchOptions): Promise<{ id: string; done: Promise<void> }> {
  const problems = workflowGraphProblems(options.source.graph);
  if (problems.length > 0) throw new InvalidGraphError(problems);
  // Workflows an agent calls are part of the run that called them, not new executions to count.
  if (!options.depth) checkExecutionRate(options.workspaceId, { take: true });
  const prisma = await db();
  const redactor = await executionRedactor(options.workspaceId);
  const startedAt = new Date();
  const row = await prisma.execution.create({
    data: {
      workspaceId: options.workspaceId,
      workflowId: options.workflowId,
      version: options.source.version,
      versionId: options.source.versionId,
      graph: options.source.graph as Prisma.InputJsonValue,
      status: 'running',
      trigger: options.trigger,
      input: options.input as Prisma.InputJsonValue,
      runnerId: RUNNER_ID,
      startedAt,
    },
  });
  openChannel(row.id);
  const recorder = new ExecutionRecorder(prisma, row.id, redactor);
  recorder.emit({ type: 'execution_start', workflow_id: options.workflowId, started_at: startedAt.toISOString() });

  const controller = new AbortController();
  const cap = setTimeout(() => {
    const reason: StopReason = { code: 'execution_timeout', message: `The execution took longer than its limit of ${options.capMs} ms` };
    controller.abort(reason);
  }, options.capMs);

  const done = (async () => {
    try {
      const result = recorder.redact(await runGraph({
        executionId: row.id,
        workspaceId: options.workspaceId,
        graph: options.source.graph,
        input: options.input,
        signal: controller.signal,
        emit: (event) => recorder.emit(event),
        onBlockFinished: (log) => recorder.blockFinished(log),
        credential: (name) => readCredential(options.workspaceId, name),
        describeWorkflow: (workflowId) => describeWorkflowTool(options.workspaceId, workflowId),
        runWorkflow: (workflowId, input, signal) => runNestedWorkflow(options, workflowId, input, signal),
      }));
      const completedAt = new Date();
      const durationMs = completedAt.getTime() - startedAt.getTime();
      if (result.status === 'completed') {
        recorder.emit({ type: 'done', status: 'completed', output: result.output, duration_ms: durationMs });
      } else {
        recorder.emit({ type: 'error', error: result.error!.message, code: result.error!.code, block_id: result.error!.block_id });
      }
      await recorder.flush();
      await prisma.execution.update({
        where: { id: row.id },
        data: {
          status: result.status,
          output: nullableJson(result.output),
          error: nullableJson(result.error),
          blockOutputs: result.blockOutputs as Prisma.InputJsonValue,
          usage: nullableJson(result.usage),
          completedAt,
          durationMs,
          lastEventSeq: recorder.lastSeq,
        },
      });
    } catch (error) {
      // A bug or a lost database: record what we can so the execution does not look running forever.
      console.error(`[weft] execution ${row.id} crashed:`, error);
      recorder.emit({ type: 'error', error: 'The execution failed unexpectedly', code: 'internal_error', block_id: null });
      await recorder.flush().catch(() => undefined);
      await prisma.execution
        .update({
          where: { id: row.id },
          data: { status: 'failed', error: { message: 'The execution failed unexpectedly', block_id: null, code: 'internal_error' }, completedAt: new Date() },
        })
        .catch(() => undefined);
    } finally {
      clearTimeout(cap);
      endChannel(row.id);
      activeExecutions.delete(row.id);
    }
  })();
  activeExecutions.set(row.id, { controller, done });
  return { id: row.id, done };
}

/** A workflow as an agent tool: its name, description and the fields of its input block as parameters. */
async function describeWorkflowTool(workspaceId: string, workflowId: string): Promise<WorkflowToolInfo | null> {
  const prisma = await db();
  const workflow = await prisma.workflow.findFirst({ where: { id: workflowId, workspaceId }, include: { deployedVersion: true } });
  if (!workflow) return null;
  const graph = storedGraph(workflow.deployedVersion ?? workflow);
  const input = graph.blocks.find((b) => b.type === 'input');
  const fields = Array.isArray(input?.config.fields) ? (input.config.fields as unknown as WorkflowToolInfo['fields']) : [];
  return { id: workflow.id, name: workflow.name, description: workflow.description, fields };
}

/**
 * Runs a workflow of the same workspace for an agent tool: its deployed version when it has one, else its
 * draft. Cancelling the calling block cancels it too.
 */
async function runNestedWorkflow(parent: LaunchOptions, workflowId: string, input: Record<string, unknown>, signal: AbortSignal): Promise<SubWorkflowResult> {
  const depth = (parent.depth ?? 0) + 1;
  if (depth > MAX_WORKFLOW_NESTING) {
    throw new BlockError(`Workflows may call other workflows at most ${MAX_WORKFLOW_NESTING} levels deep`, 'nesting_too_deep', false);
  }
  const prisma = await db();
  const workflow = await prisma.workflow.findFirst({ where: { id: workflowId, workspaceId: parent.workspaceId }, include: { deployedVersion: true } });
  if (!workflow) throw new BlockError(`There is no workflow ${workflowId} in this workspace`, 'workflow_not_found', false);
  const version = workflow.deployedVersion;
  const source: GraphSource = version
    ? { graph: storedGraph(version), version: version.version, versionId: version.id }
    : { graph: storedGraph(workflow), version: workflow.version, versionId: null };
  const { id, done } = await launchExecution({ workspaceId: parent.workspaceId, workflowId, source, trigger: 'api', input, capMs: parent.capMs, depth });
  const cancel = () => activeExecutions.get(id)?.controller.abort({ code: 'cancelled', message: 'The calling block was stopped' } satisfies StopReason);
  signal.addEventListener('abort', cancel, { once: true });
  try {
    await done;
  } finally {
    signal.removeEventListener('abort', cancel);
  }
  const row = await prisma.execution.findUniqueOrThrow({ where: { id } });
  return { execution_id: id, status: row.status, output: row.output ?? null, error: (row.error ?? null) as SubWorkflowResult['error'] };
}

async function draftSource(caller: Caller, workflowId: string): Promise<GraphSource> {
  const prisma = await db();
  const workflow = await prisma.workflow.findFirst({ where: { id: workflowId, workspaceId: caller.workspaceId } });
  if (!workflow) throw workflowNotFound();
  return { graph: storedGraph(workflow), version: workflow.version, versionId: null };
}

/** Runs the workflow's current graph for an editor or owner; the execution id comes back at once. */
export async function startExecution(
  caller: Caller,
  workflowId: string,
  body: z.input<typeof executeInput>,
  options: { trigger: Trigger; capMs: number },
) {
  requireRole(caller, 'editor');
  const { input } = executeInput.parse(body);
  const source = await draftSource(caller, workflowId);
  return launchExecution({ workspaceId: caller.workspaceId, workflowId, source, trigger: options.trigger, input, capMs: options.capMs });
}

/** POST .../execute: runs and waits, answering with the finished execution (a failed block is not an HTTP error). */
export async function executeAndWait(caller: Caller, workflowId: string, body: z.input<typeof executeInput>, trigger: Trigger = 'api') {
  const { id, done } = await startExecution(caller, workflowId, body, { trigger, capMs: env().WEFT_SYNC_EXECUTION_TIMEOUT_MS });
  await done;
  return getExecution(caller, workflowId, id);
}

async function findExecution(caller: Caller, workflowId: string, executionId: string): Promise<ExecutionRow> {
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

/** For the execution page: the execution and the graph exactly as it ran (the draft may have moved on since). */
export async function getExecutionDetail(caller: Caller, workflowId: string, executionId: string) {
  const row = await findExecution(caller, workflowId, executionId);
  return { ...executionView(row), graph: storedGraph(row) };
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
  return { executions: rows.map(executionSummary), total, limit, offset };
}

export async function getBlockLogs(caller: Caller, workflowId: string, executionId: string): Promise<{ block_logs: BlockLogView[] }> {
  await findExecution(caller, workflowId, executionId);
  const prisma = await db();
  const logs = await prisma.blockLog.findMany({ where: { executionId }, orderBy: { executionOrder: 'asc' } });
  return {
    block_logs: logs.map((log) => ({
      block_id: log.blockId,
      block_type: log.blockType,
      block_name: log.blockName,
      status: log.status,
      input: (log.input ?? null) as BlockLogView['input'],
      output: (log.output ?? null) as BlockLogView['output'],
      error: (log.error ?? null) as BlockLogView['error'],
      started_at: iso(log.startedAt),
      completed_at: iso(log.completedAt),
      duration_ms: log.durationMs,
      execution_order: log.executionOrder,
      attempts: log.attempts,
      usage: (log.usage ?? null) as BlockLogView['usage'],
      console: log.console as BlockLogView['console'],
    })),
  };
}

/** Aborts a running execution (its running blocks stop) and answers with it, now cancelled. */
export async function cancelExecution(caller: Caller, workflowId: string, executionId: string): Promise<ExecutionView> {
  requireRole(caller, 'editor');
  const row = await findExecution(caller, workflowId, executionId);
  if (row.status !== 'running' && row.status !== 'queued') {
    throw new ApiError('execution_finished', `The execution has already ended (${row.status})`);
  }
  const active = activeExecutions.get(executionId);
  if (active) {
    const reason: StopReason = { code: 'cancelled', message: 'The execution was cancelled' };
    active.controller.abort(reason);
    await active.done;
  } else {
    // Run by a process that is gone (or another server): nothing to abort here, so record the end directly.
    const prisma = await db();
    await prisma.execution.updateMany({
      where: { id: executionId, status: { in: ['running', 'queued'] } },
      data: { status: 'cancelled', error: { message: 'The execution was cancelled', block_id: null, code: 'cancelled' }, completedAt: new Date() },
    });
  }
  return getExecution(caller, workflowId, executionId);
}

/**
 * At start: executions a dead process left running can never finish; they become failed with code
 * `interrupted`, keeping the logs of the blocks that did finish, and their event stream gets its end.
 */
export async function markInterruptedExecutions(): Promise<number> {
  const database = await getDatabase();
  const prisma = database.prisma;
  const running = await prisma.execution.findMany({ where: { status: { in: ['running', 'queued'] } }, select: { id: true, runnerId: true } });
  const orphans = running.filter((e) => !activeExecutions.has(e.id) && runnerIsGone(e.runnerId, database.kind === 'pglite'));
  const error = { message: 'The server stopped while this execution was running', block_id: null, code: 'interrupted' };
  for (const orphan of orphans) {
    const last = await prisma.executionEvent.aggregate({ where: { executionId: orphan.id }, _max: { seq: true } });
    const seq = (last._max.seq ?? 0) + 1;
    await prisma.$transaction([
      prisma.execution.update({ where: { id: orphan.id }, data: { status: 'failed', error, completedAt: new Date(), lastEventSeq: seq } }),
      prisma.executionEvent.create({
        data: { executionId: orphan.id, seq, type: 'error', data: { type: 'error', execution_id: orphan.id, at: new Date().toISOString(), error: error.message, code: error.code, block_id: null } },
      }),
    ]);
  }
  if (orphans.length > 0) console.warn(`[weft] marked ${orphans.length} execution(s) interrupted by an earlier stop as failed`);
  return orphans.length;
}
