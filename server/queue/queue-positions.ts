import { getDatabase } from '../db';
import { EXECUTION_TASK } from './jobs';

/**
 * Where queued executions stand in the queue, by execution id: 1 is the next job a free worker takes (graphile
 * worker's order: priority, then due time). Counted over every job that is due, whatever its workspace, because
 * that is the order workers follow; callers pass only executions of the caller's workspace, and what they learn of
 * the others is a count, like the queue depth health reports. Executions whose job is running or not due are absent.
 */
export async function queuePositions(executionIds: readonly string[]): Promise<Map<string, number>> {
  if (executionIds.length === 0) return new Map();
  const database = await getDatabase();
  const rows = await database.sql.query<{ execution_id: string; position: number }>(
    `SELECT q.key AS execution_id,
            1 + (SELECT count(*) FROM graphile_worker.jobs a
                  WHERE a.task_identifier = $1 AND a.locked_at IS NULL AND a.attempts < a.max_attempts AND a.run_at <= now()
                    AND (a.priority, a.run_at, a.id) < (q.priority, q.run_at, q.id))::int AS position
       FROM graphile_worker.jobs q
      WHERE q.task_identifier = $1 AND q.key = ANY($2::text[]) AND q.locked_at IS NULL AND q.run_at <= now()`,
    [EXECUTION_TASK, executionIds],
  );
  return new Map(rows.map((row) => [row.execution_id, row.position]));
}
