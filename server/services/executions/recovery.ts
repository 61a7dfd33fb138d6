import { activeExecutionStatuses } from '@/lib/execution-states';
import { getDatabase } from '../../db';
import { runnerIsGone } from '../../engine/runner';
import { executionRuntime } from './runtime';

// Crash recovery: what a server that died mid-run left behind.

/**
 * At start: executions a dead process left running can never finish; they become failed with code
 * `interrupted`, keeping the logs of the blocks that did finish, and their event stream gets its end.
 */
export async function markInterruptedExecutions(): Promise<number> {
  const database = await getDatabase();
  const prisma = database.prisma;
  const running = await prisma.execution.findMany({ where: { status: { in: [...activeExecutionStatuses] } }, select: { id: true, runnerId: true, startedAt: true, createdAt: true } });
  const orphans = running.filter((e) => !executionRuntime().isRunning(e.id) && runnerIsGone(e.runnerId, database.kind === 'pglite'));
  const error = { message: 'The server stopped while this execution was running', block_id: null, code: 'interrupted' };
  for (const orphan of orphans) {
    const last = await prisma.executionEvent.aggregate({ where: { executionId: orphan.id }, _max: { seq: true } });
    const seq = (last._max.seq ?? 0) + 1;
    const completedAt = new Date();
    const durationMs = completedAt.getTime() - (orphan.startedAt ?? orphan.createdAt).getTime();
    await prisma.$transaction([
      prisma.execution.update({ where: { id: orphan.id }, data: { status: 'failed', error, completedAt, durationMs, lastEventSeq: seq } }),
      prisma.executionEvent.create({
        data: { executionId: orphan.id, seq, type: 'error', data: { type: 'error', execution_id: orphan.id, at: new Date().toISOString(), error: error.message, code: error.code, block_id: null } },
      }),
    ]);
  }
  if (orphans.length > 0) console.warn(`[weft] marked ${orphans.length} execution(s) interrupted by an earlier stop as failed`);
  return orphans.length;
}
