import { db } from '../../db';
import type { Prisma } from '../../db/generated/client';
import { Prisma as PrismaNamespace } from '../../db/generated/client';
import { retryWhileUnavailable } from '../../db/unavailable';
import { env } from '../../env';
import { ExecutionRecorder } from '../../engine/recorder';
import type { WaitingBlock } from '../../engine/run-graph';
import { RUNNER_ID } from '../../engine/runner';
import { enqueueExecution } from '../../queue/jobs';
import { executionRedactor } from '../execution-secrets';
import { storedGraph } from '../workflows';
import { executionRuntime } from './runtime';

// Executions that wait (an approval, a long wait) hold no process: their row says what they wait at. A decision
// or the time coming settles the block (its block log is its output) and the execution is resumed from its
// record like any interrupted one, so a restart in between changes nothing.

type ExecutionRow = Prisma.ExecutionGetPayload<object>;

/** What a settled wait did: the block's output, or its failure (which ends the execution). */
export type WaitOutcome = WaitingBlock['on_time'];

/** Node's setTimeout cannot wait longer than about 24.8 days; a later wake re-arms. */
const MAX_TIMER_MS = 2_000_000_000;

const globalForWaits = globalThis as unknown as { weftWaitTimers?: Map<string, NodeJS.Timeout> };
const timers: Map<string, NodeJS.Timeout> = (globalForWaits.weftWaitTimers ??= new Map());

/** The blocks a waiting execution waits at. */
export function waitsOf(row: Pick<ExecutionRow, 'waitingOn'>): WaitingBlock[] {
  return Array.isArray(row.waitingOn) ? (row.waitingOn as unknown as WaitingBlock[]) : [];
}

/**
 * Wake-ups for the blocks that resume by time. In queue mode each is a job due at that time, so any worker resumes
 * the execution even when the process that recorded the wait is gone; inline, a timer of this process (and of the
 * next one to start, `scheduleWaitingExecutions`).
 */
async function scheduleWakes(executionId: string, waits: readonly WaitingBlock[]): Promise<void> {
  for (const wait of waits) {
    if (!wait.resume_at) continue;
    if (env().WEFT_EXECUTION_MODE !== 'queue') {
      scheduleWake(executionId, wait.block_id, Date.parse(wait.resume_at));
      continue;
    }
    const job = { executionId, capMs: env().WEFT_STREAM_EXECUTION_TIMEOUT_MS, depth: 0, wake: wait.block_id };
    // Not armed now, it is at the next start of a web process (which re-arms every waiting execution).
    await enqueueExecution(job, new Date(wait.resume_at)).catch((error: Error) => {
      console.error(`[weft] could not schedule the wake-up of execution ${executionId} at block ${wait.block_id}:`, error.message);
    });
  }
}

/**
 * Records the pause with `write` and arms its wake-ups in the order that cannot lose one. In queue mode the jobs are
 * queued first: a worker killed between the write and the queueing would leave the execution waiting with nothing
 * to wake it, while a job due before the write lands finds the row still running and is retried. Inline, the timers
 * are armed after the write, since one due at once must find the row waiting (and a dead process re-arms nothing:
 * the next one to start does, `scheduleWaitingExecutions`).
 */
export async function recordPause<T>(executionId: string, waits: readonly WaitingBlock[], write: () => Promise<T>): Promise<T> {
  if (env().WEFT_EXECUTION_MODE === 'queue') {
    await scheduleWakes(executionId, waits);
    return write();
  }
  const written = await write();
  await scheduleWakes(executionId, waits);
  return written;
}

function scheduleWake(executionId: string, blockId: string, at: number): void {
  const key = `${executionId}:${blockId}`;
  clearTimeout(timers.get(key));
  const delay = Math.max(0, at - Date.now());
  const timer = setTimeout(() => {
    timers.delete(key);
    if (delay > MAX_TIMER_MS) return scheduleWake(executionId, blockId, at);
    wakeBlock(executionId, blockId).catch((error: unknown) => {
      console.error(`[weft] could not resume execution ${executionId} at block ${blockId}:`, (error as Error).message);
    });
  }, Math.min(delay, MAX_TIMER_MS));
  timer.unref();
  timers.set(key, timer);
}

/** The time of a block the execution waits at has come: settles it (see `settleWait`); null when it no longer waits there. */
export async function wakeBlock(executionId: string, blockId: string): Promise<{ done: Promise<void> } | null> {
  const prisma = await db();
  const row = await prisma.execution.findUnique({ where: { id: executionId } });
  const wait = row?.status === 'waiting' ? waitsOf(row).find((w) => w.block_id === blockId) : undefined;
  if (!row || !wait?.resume_at) return null;
  return settleWait(row, wait.block_id, wait.on_time);
}

/** At start: a timer for every block a waiting execution waits at by time (those already due fire at once). */
export async function scheduleWaitingExecutions(): Promise<void> {
  const prisma = await db();
  const rows = await prisma.execution.findMany({ where: { status: 'waiting' }, select: { id: true, waitingOn: true } });
  for (const row of rows) await scheduleWakes(row.id, waitsOf(row));
}

/**
 * Settles the block the execution waits at: records its output and resumes the execution, or records its failure
 * and ends it. Null when the execution no longer waits (another decision or the timer came first).
 */
export async function settleWait(row: ExecutionRow, blockId: string, outcome: WaitOutcome): Promise<{ done: Promise<void> } | null> {
  const prisma = await db();
  const claimed = await prisma.execution.updateMany({
    where: { id: row.id, status: 'waiting' },
    data: { status: 'running', waitingOn: PrismaNamespace.DbNull, runnerId: RUNNER_ID },
  });
  if (claimed.count === 0) return null;
  // The blocks still waiting wait again once the execution runs on (they pause anew and get new timers).
  for (const wait of waitsOf(row)) clearTimeout(timers.get(`${row.id}:${wait.block_id}`));
  const graph = storedGraph(row);
  const block = graph.blocks.find((b) => b.id === blockId);
  const recorder = new ExecutionRecorder(prisma, row.id, await executionRedactor(row.workspaceId), row.lastEventSeq);
  const last = await prisma.blockLog.aggregate({ where: { executionId: row.id }, _max: { executionOrder: true } });
  const now = new Date();
  const ref = { block_id: blockId, block_type: block?.type ?? 'unknown' };
  const failed = 'error' in outcome;
  if (failed) recorder.emit({ type: 'block_error', ...ref, data: { error: outcome.error }, duration_ms: 0 });
  else recorder.emit({ type: 'block_complete', ...ref, data: { output: outcome.output }, duration_ms: 0 });
  await recorder.blockFinished({
    blockId,
    blockType: ref.block_type,
    blockName: block?.name ?? null,
    status: failed ? 'error' : 'success',
    input: null,
    output: failed ? null : outcome.output,
    error: failed ? outcome.error : null,
    startedAt: null,
    completedAt: now,
    durationMs: null,
    executionOrder: (last._max.executionOrder ?? 0) + 1,
    attempts: 1,
    usage: null,
    console: [],
    iteration: [],
  });
  if (failed) return { done: failExecution(recorder, row, blockId, outcome.error) };
  await recorder.flush();
  const input = row.input as Record<string, unknown>;
  const startedAt = row.startedAt ?? row.createdAt;
  const job = { executionId: row.id, workspaceId: row.workspaceId, workflowId: row.workflowId, graph, input, startedAt, depth: 0, resume: true };
  return { done: executionRuntime().launch({ ...job, capMs: env().WEFT_STREAM_EXECUTION_TIMEOUT_MS }).then(() => undefined) };
}

async function failExecution(recorder: ExecutionRecorder, row: ExecutionRow, blockId: string, failure: { message: string; code: string }) {
  const error = { ...failure, block_id: blockId };
  recorder.emit({ type: 'error', error: error.message, code: error.code, block_id: blockId });
  await recorder.flush();
  const completedAt = new Date();
  const durationMs = completedAt.getTime() - (row.startedAt ?? row.createdAt).getTime();
  const prisma = await db();
  await retryWhileUnavailable(() =>
    prisma.execution.update({ where: { id: row.id }, data: { status: 'failed', error, completedAt, durationMs, lastEventSeq: recorder.lastSeq } }),
  );
}
