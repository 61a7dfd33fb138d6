import { unfinishedExecutionStatuses } from '@/lib/execution-states';
import { getDatabase } from '../db';
import type { StopReason } from '../engine/run-graph';
import { endExecution } from '../services/executions/recovery';
import { CANCEL_EXECUTION, notify, runnerIsAlive } from './signals';
import { executionEnd } from './wait';

// Cancelling an execution this process does not run: one nothing has picked up yet, or whose process is gone,
// ends here; a running one is told to stop through the database and the process running it records its end; if
// it does not answer in time the end is recorded here, conditionally, so whichever write comes second changes
// nothing.

/** How long the process running an execution has to record its end before the canceller does. */
const ANSWER_WITHIN_MS = 5_000;

export async function cancelElsewhere(executionId: string, reason: StopReason): Promise<void> {
  const end = { status: 'cancelled' as const, error: { message: reason.message, code: reason.code } };
  // Ended here: one no worker has taken yet (in queue mode its job is removed next, and a worker that took it
  // meanwhile finds it ended and does nothing), or a waiting one, which no process holds.
  if (await endExecution(executionId, end, ['queued', 'waiting'])) return;
  const database = await getDatabase();
  const row = await database.prisma.execution.findUnique({ where: { id: executionId }, select: { runnerId: true } });
  if (database.kind === 'postgres' && row?.runnerId && (await runnerIsAlive(row.runnerId))) {
    await notify(CANCEL_EXECUTION, JSON.stringify({ id: executionId, code: reason.code, message: reason.message }));
    if (await executionEnd(executionId, ANSWER_WITHIN_MS)) return;
  }
  await endExecution(executionId, end, unfinishedExecutionStatuses);
}
