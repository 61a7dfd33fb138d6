import { activeExecutionStatuses, type ExecutionStatus } from '@/lib/execution-states';
import { getDatabase } from '../../db';
import { runnerIsGone } from '../../engine/runner';
import { EXECUTION_CHANGED, notify } from '../../queue/signals';
import { executionRuntime } from './runtime';

// Ending executions no process will finish: what a server that died mid-run left behind, and executions
// cancelled where nothing runs them.

interface EndError {
  message: string;
  code: string;
}

/**
 * Records the end of an execution nothing runs (its row and a last `error` event after the ones written), only if
 * it is still in one of `from`. Answers whether it did: a runner finishing at the same moment wins or loses as a whole.
 */
export async function endExecution(
  executionId: string,
  end: { status: Extract<ExecutionStatus, 'failed' | 'cancelled'>; error: EndError },
  from: readonly ExecutionStatus[] = activeExecutionStatuses,
): Promise<boolean> {
  const { prisma } = await getDatabase();
  const ended = await prisma.$transaction(async (tx) => {
    const row = await tx.execution.findUnique({ where: { id: executionId }, select: { status: true, startedAt: true, createdAt: true } });
    if (!row || !from.includes(row.status as ExecutionStatus)) return false;
    const last = await tx.executionEvent.aggregate({ where: { executionId }, _max: { seq: true } });
    const seq = (last._max.seq ?? 0) + 1;
    const completedAt = new Date();
    const error = { message: end.error.message, block_id: null, code: end.error.code };
    const updated = await tx.execution.updateMany({
      where: { id: executionId, status: row.status },
      data: { status: end.status, error, completedAt, durationMs: completedAt.getTime() - (row.startedAt ?? row.createdAt).getTime(), lastEventSeq: seq },
    });
    if (updated.count === 0) return false;
    await tx.executionEvent.createMany({
      data: { executionId, seq, type: 'error', data: { type: 'error', execution_id: executionId, at: completedAt.toISOString(), error: error.message, code: error.code, block_id: null } },
      skipDuplicates: true,
    });
    return true;
  });
  if (ended) await notify(EXECUTION_CHANGED, executionId);
  return ended;
}

/**
 * At start: executions a dead process left running can never finish; they become failed with code
 * `interrupted`, keeping the logs of the blocks that did finish, and their event stream gets its end.
 */
export async function markInterruptedExecutions(): Promise<number> {
  // Queued executions wait for workers, and workers hand the ones of a dead worker to another (server/queue).
  if (executionRuntime().mode === 'queue') return 0;
  const database = await getDatabase();
  const running = await database.prisma.execution.findMany({ where: { status: { in: [...activeExecutionStatuses] } }, select: { id: true, runnerId: true } });
  const orphans = running.filter((e) => !executionRuntime().isRunning(e.id) && runnerIsGone(e.runnerId, database.kind === 'pglite'));
  const error = { message: 'The server stopped while this execution was running', code: 'interrupted' };
  let marked = 0;
  for (const orphan of orphans) if (await endExecution(orphan.id, { status: 'failed', error })) marked++;
  if (marked > 0) console.warn(`[weft] marked ${marked} execution(s) interrupted by an earlier stop as failed`);
  return marked;
}
