import { activeExecutionStatuses } from '@/lib/execution-states';
import type { Graph } from '@/lib/graph/schema';
import { db } from '../../db';
import type { Prisma, PrismaClient } from '../../db/generated/client';
import { retryWhileUnavailable } from '../../db/unavailable';
import { iterationFromColumn, type ExecutionOutcome } from '../../engine/record-batch';
import { ExecutionRecorder } from '../../engine/recorder';
import { priorKey, runGraph, type BlockLogRecord, type GraphResult, type PriorBlock } from '../../engine/run-graph';
import { EXECUTION_CHANGED, notify } from '../../queue/signals';
import type { TokenUsage } from '../../run-capabilities';
import type { ExecutionTrace } from '../../telemetry/execution-trace';
import { activeTracer } from '../../telemetry/tracing';
import { checkModelBudget } from '../budgets';
import { readCredential } from '../credentials';
import { executionRedactor } from '../execution-secrets';
import { readMcpServer } from '../mcp-servers';
import { costMeter, type CostMeter } from './costs';
import { recordSettled, type SettledBlock } from './settled';
import { describeWorkflowTool, runNestedWorkflow } from './nested-workflows';
import { recordPause } from './waits';

// One execution from its first event to its finished record: the engine runs the graph, the recorder writes
// what happens as it happens, and the Execution row gets the outcome at the end.

/** Everything needed to run an execution whose row exists (plain data, so a queue could carry it). */
export interface ExecutionJob {
  executionId: string;
  workspaceId: string;
  workflowId: string;
  graph: Graph;
  input: Record<string, unknown>;
  startedAt: Date;
  /** The longest the execution may run before it is stopped. */
  capMs: number;
  /** How many workflows deep this one was called from agent tools (0 for a run people started). */
  depth: number;
  /**
   * Continue an execution an earlier attempt began (its process died, or it paused): blocks with a block log are
   * not run again, and events continue after the last one written.
   */
  resume?: boolean;
  /** Blocks that start settled and do not run (pinned data and reused outputs of a run from the editor). */
  settled?: Record<string, SettledBlock>;
}

const UNEXPECTED_FAILURE = { message: 'The execution failed unexpectedly', block_id: null, code: 'internal_error' };

/** Other processes following the execution (streams, waiters) look again. */
const announce = (executionId: string) => notify(EXECUTION_CHANGED, executionId).catch(() => undefined);

/**
 * The final write of the row, only while it is still running: an execution cancelled (or ended) meanwhile by
 * another process keeps that end, it is never reported completed afterwards.
 */
async function writeOutcome(prisma: PrismaClient, executionId: string, data: Prisma.ExecutionUpdateManyMutationInput) {
  await retryWhileUnavailable(() => prisma.execution.updateMany({ where: { id: executionId, status: { in: [...activeExecutionStatuses] } }, data }));
  await announce(executionId);
}

/**
 * Runs the job until it ends or `signal` aborts it (with a StopReason); never rejects. Resolves with the outcome
 * written to the row (as stored), or null when none was (the run crashed, or it was cancelled or ended meanwhile).
 */
export async function runExecution(job: ExecutionJob, signal: AbortSignal): Promise<ExecutionOutcome | null> {
  const prisma = await db();
  let recorder: ExecutionRecorder | null = null;
  const tracer = activeTracer();
  // Loaded only when tracing is on, so an execution without it pays nothing.
  const traced = tracer ? (await import('../../telemetry/execution-trace')).traceExecution(tracer, job) : null;
  try {
    const earlier = job.resume ? await earlierAttempt(prisma, job.executionId) : null;
    recorder = new ExecutionRecorder(prisma, job.executionId, await executionRedactor(job.workspaceId), earlier?.lastSeq, () => announce(job.executionId));
    const events = recorder;
    const costs = costMeter(prisma, job.workspaceId);
    for (const cost of earlier?.costs ?? []) costs.count(cost);
    const blockFinished = async (log: BlockLogRecord) => {
      const cost = await costs.block(log);
      traced?.block(events.redact(log), cost);
      await events.blockFinished(log, cost);
    };
    if (!earlier) events.emit({ type: 'execution_start', workflow_id: job.workflowId, started_at: job.startedAt.toISOString() });
    // A resumed run finds its settled blocks among the earlier attempt's logs.
    const given = !earlier && job.settled ? await recordSettled(events, job.graph, job.settled) : undefined;
    const result = events.redact(await runGraph({
      executionId: job.executionId,
      workspaceId: job.workspaceId,
      graph: job.graph,
      input: job.input,
      signal,
      emit: (event) => events.emit(event),
      onBlockFinished: blockFinished,
      credential: (name) => readCredential(job.workspaceId, name),
      describeWorkflow: (workflowId) => describeWorkflowTool(job.workspaceId, workflowId),
      runWorkflow: (workflowId, input, callerSignal, options) => runNestedWorkflow(job, workflowId, input, callerSignal, options),
      mcpServer: (name) => readMcpServer(job.workspaceId, name),
      checkModelBudget: () => checkModelBudget(job.workspaceId),
      prior: earlier?.blocks ?? given,
    }));
    return await recordResult(events, job, result, { costs, traced });
  } catch (error) {
    traced?.end({ status: 'failed', error: UNEXPECTED_FAILURE, usage: null, costUsd: null });
    // A bug or a lost database: record what we can so the execution does not look running forever.
    console.error(`[weft] execution ${job.executionId} crashed:`, error);
    recorder?.emit({ type: 'error', error: UNEXPECTED_FAILURE.message, code: UNEXPECTED_FAILURE.code, block_id: null });
    await recorder?.flush().catch(() => undefined);
    await writeOutcome(prisma, job.executionId, { status: 'failed', error: UNEXPECTED_FAILURE, completedAt: new Date() }).catch(() => undefined);
    return null;
  }
}

/** What an earlier attempt recorded: its settled blocks and the last event written. */
async function earlierAttempt(prisma: PrismaClient, executionId: string) {
  const [logs, last] = await Promise.all([
    prisma.blockLog.findMany({
      where: { executionId },
      select: { blockId: true, iteration: true, status: true, output: true, executionOrder: true, usage: true, costUsd: true },
    }),
    prisma.executionEvent.aggregate({ where: { executionId }, _max: { seq: true } }),
  ]);
  const blocks = new Map<string, PriorBlock>(
    logs.map((log) => [priorKey(log.blockId, iterationFromColumn(log.iteration)), { status: log.status, output: log.output, executionOrder: log.executionOrder, usage: log.usage as TokenUsage | null }]),
  );
  return { blocks, costs: logs.map((log) => log.costUsd), lastSeq: last._max.seq ?? 0 };
}

/** The last event (done or error), then the row with the outcome, written with the last events. */
async function recordResult(
  recorder: ExecutionRecorder,
  job: ExecutionJob,
  result: GraphResult,
  { costs, traced }: { costs: CostMeter; traced: ExecutionTrace | null },
): Promise<ExecutionOutcome | null> {
  if (result.status === 'waiting') {
    const stored = await recordWaiting(recorder, job, result, costs.total());
    // This attempt's trace ends here; the one that resumes the execution traces what comes after.
    traced?.end({ status: 'waiting', error: null, usage: result.usage, costUsd: costs.total() });
    return stored;
  }
  const completedAt = new Date();
  const durationMs = completedAt.getTime() - job.startedAt.getTime();
  if (result.status === 'completed') {
    recorder.emit({ type: 'done', status: 'completed', output: result.output, duration_ms: durationMs });
  } else {
    recorder.emit({ type: 'error', error: result.error.message, code: result.error.code, block_id: result.error.block_id });
  }
  const outcome = {
    status: result.status,
    output: result.output ?? null,
    error: result.error ?? null,
    blockOutputs: result.blockOutputs,
    usage: result.usage ?? null,
    costUsd: costs.total(),
    completedAt,
    durationMs,
    lastEventSeq: recorder.lastSeq,
  };
  const stored = await recorder.finish(outcome);
  traced?.end({ status: result.status, error: result.error, usage: result.usage, costUsd: outcome.costUsd });
  return stored;
}

/** Paused at one or more blocks: the row says what it waits for, and the blocks that resume by time get a timer. */
async function recordWaiting(
  recorder: ExecutionRecorder,
  job: ExecutionJob,
  result: Extract<GraphResult, { status: 'waiting' }>,
  costUsd: number | null,
) {
  const waiting = {
    status: 'waiting' as const,
    waitingOn: result.waits,
    blockOutputs: result.blockOutputs,
    usage: result.usage ?? null,
    costUsd,
    lastEventSeq: recorder.lastSeq,
  };
  return recordPause(job.executionId, result.waits, () => recorder.finish(waiting));
}
