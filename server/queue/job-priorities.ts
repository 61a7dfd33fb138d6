import { getDatabase } from '../db';
import { EXECUTION_TASK } from './jobs';

/**
 * A job's priority is how many executions of its workspace were ahead of it when it was added (jobs.ts). Those end,
 * but the number stayed: a flood's later jobs kept their high numbers and waited behind every newer job of any
 * workspace that stays busy, for as long as it did. This lowers the priority of each waiting execution job to the
 * number of its workspace's executions ahead of it now. It only ever lowers, and leaves locked jobs and wake-ups
 * (whose key is not an execution id) alone; graphile-worker's own `reschedule_jobs` does the update.
 */
const AGE_SQL = `
  SELECT count(*)::int AS lowered FROM (
    SELECT ahead.count, array_agg(j.id) AS ids
      FROM graphile_worker.jobs j
      JOIN (SELECT e.id, (row_number() OVER (PARTITION BY e."workspaceId" ORDER BY e."createdAt", e.id) - 1)::int AS count
              FROM "Execution" e WHERE e.status IN ('queued', 'running')) ahead ON ahead.id = j.key
     WHERE j.task_identifier = $1 AND j.locked_at IS NULL AND j.priority > ahead.count
     GROUP BY ahead.count) due,
  LATERAL graphile_worker.reschedule_jobs(due.ids, priority => due.count) moved`;

/** Lowers waiting execution jobs' priorities to their workspace's load now; how many jobs it lowered. */
export async function ageJobPriorities(): Promise<number> {
  const database = await getDatabase();
  const [row] = await database.sql.query<{ lowered: number }>(AGE_SQL, [EXECUTION_TASK]);
  return row?.lowered ?? 0;
}
