import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { ExecutionTrigger } from '@/lib/execution-states';
import type { Graph } from '@/lib/graph/schema';
import { requireRole, type Caller } from '../../auth/caller';
import { db } from '../../db';
import { storableJson } from '../../db/json';
import type { Prisma } from '../../db/generated/client';
import { env } from '../../env';
import type { ExecutionOutcome } from '../../engine/record-batch';
import { RUNNER_ID } from '../../engine/runner';
import { acceptExecutionInput } from '../../graph/input';
import { InvalidGraphError } from '../../graph/problems';
import { executeInput } from '../execution-schemas';
import { workflowGraphProblems } from '../graph-validation';
import { checkExecutionRate } from '../rate-limit';
import { storedGraph, workflowNotFound } from '../workflows';
import { insertExecution } from './insert-execution';
import { executionAfterRun, type ExecutionRow } from './reads';
import { executionRuntime } from './runtime';
import type { SettledBlock } from './settled';

// Starting executions: which graph runs, who may start it, the Execution row it gets; the runtime then runs it.

const CLAIM_MAX_WAIT_MS = 15_000;

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
  trigger: ExecutionTrigger;
  /** The standing trigger (schedule, webhook, form) that started it, if any. */
  triggerId?: string;
  input: Record<string, unknown>;
  /** The longest the execution may run before it is stopped. */
  capMs: number;
  /** How many workflows deep this one was called from agent tools (0 for a run people started). */
  depth?: number;
  /** The execution and workflow block that called this one as a sub-workflow (linked both ways in history). */
  parent?: { executionId: string; blockId: string };
  /**
   * Runs first in the transaction that then inserts the Execution row (with the id it is given), so what it claims
   * (a webhook's single shot) is taken if and only if the execution is recorded. Throwing refuses the launch and
   * leaves nothing behind; a claim that fails costs no insert, and it should fail at once rather than wait for a
   * competing claim (see webhooks.ts), so a burst of losing calls holds pooled connections as briefly as possible.
   */
  claim?: (tx: Prisma.TransactionClient, executionId: string) => Promise<void>;
  /**
   * A partial run from the editor (debug-runs.ts): the part of the source graph that runs (the whole source is
   * validated) and the blocks it starts with settled.
   */
  partial?: { graph: Graph; settled: Record<string, SettledBlock> };
  /** The execution this one re-runs (rerun.ts) or whose outputs a partial run reuses: linked both ways in history. */
  sourceExecutionId?: string | null;
}

/** A started execution: its row as created, and promises that settle once it has ended and its record is complete. */
interface Launched {
  id: string;
  row: ExecutionRow;
  done: Promise<void>;
  /** Settles like `done`, with the outcome this process wrote to the row (null when it wrote none). */
  ended: Promise<ExecutionOutcome | null>;
}

/** Starts an execution in the background and returns at once. Callers have already checked who may run what. */
export async function launchExecution(options: LaunchOptions): Promise<Launched> {
  const problems = await workflowGraphProblems(options.source.graph, options.workspaceId);
  if (problems.length > 0) throw new InvalidGraphError(problems);
  const input = acceptExecutionInput(options.source.graph, options.input);
  const depth = options.depth ?? 0;
  // Workflows an agent calls are part of the run that called them, not new executions to count. With a claim, the
  // execution is counted after the claim, in its transaction: a loser of the claim (the other process took the
  // schedule's tick, the webhook's shot) counts nothing against the workspace.
  const counted = depth === 0;
  if (counted && !options.claim) await checkExecutionRate(options.workspaceId, { take: true });
  const prisma = await db();
  const startedAt = new Date();
  const runtime = executionRuntime();
  // Queued until a worker takes it (it then gets its runner and start time); inline it runs from now on, here.
  const queued = runtime.mode === 'queue';
  const id = randomUUID();
  const create = (client: Prisma.TransactionClient) =>
    insertExecution(client, {
      id,
      workspaceId: options.workspaceId,
      workflowId: options.workflowId,
      version: options.source.version,
      versionId: options.source.versionId,
      graph: options.partial?.graph ?? options.source.graph,
      sourceExecutionId: options.sourceExecutionId ?? null,
      status: queued ? 'queued' : 'running',
      trigger: options.trigger,
      triggerId: options.triggerId ?? null,
      input: storableJson(input),
      runnerId: queued ? null : RUNNER_ID,
      startedAt: queued ? null : startedAt,
      parentExecutionId: options.parent?.executionId ?? null,
      parentBlockId: options.parent?.blockId ?? null,
    });
  const claim = options.claim;
  const row = claim
    ? // A burst of calls (100 at once on one webhook) waits for a connection rather than failing after Prisma's 2 s.
      await prisma.$transaction(
        async (tx) => {
          await claim(tx, id);
          if (counted) await checkExecutionRate(options.workspaceId, { take: true }, tx);
          return create(tx);
        },
        { maxWait: CLAIM_MAX_WAIT_MS },
      )
    : await create(prisma);
  const ended = runtime.launch({
    executionId: row.id,
    workspaceId: options.workspaceId,
    workflowId: options.workflowId,
    graph: options.partial?.graph ?? options.source.graph,
    input,
    startedAt,
    capMs: options.capMs,
    depth,
    settled: options.partial?.settled,
  });
  return { id: row.id, row, ended, done: ended.then(() => undefined) };
}

export async function draftSource(caller: Caller, workflowId: string): Promise<GraphSource> {
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
  options: { trigger: ExecutionTrigger; capMs: number },
) {
  requireRole(caller, 'editor');
  const { input } = executeInput.parse(body);
  const source = await draftSource(caller, workflowId);
  return launchExecution({ workspaceId: caller.workspaceId, workflowId, source, trigger: options.trigger, input, capMs: options.capMs });
}

/** POST .../execute: runs and waits, answering with the finished execution (a failed block is not an HTTP error). */
export async function executeAndWait(caller: Caller, workflowId: string, body: z.input<typeof executeInput>, trigger: ExecutionTrigger = 'api') {
  const { row, ended } = await startExecution(caller, workflowId, body, { trigger, capMs: env().WEFT_SYNC_EXECUTION_TIMEOUT_MS });
  return executionAfterRun(row, await ended);
}
