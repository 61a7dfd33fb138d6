import { databaseKindFromEnv, getDatabase, type DatabaseKind } from '../db';
import { env } from '../env';
import { liveWorkers } from '../queue/signals';
import { startupState } from '../startup-state';
import { WEFT_VERSION } from '../version';

export interface Health {
  status: 'ok' | 'unavailable' | 'starting';
  database: DatabaseKind;
  version: string;
  /** Why the database cannot be reached, when it cannot. */
  reason?: string;
  /** Queue mode only: executions waiting for a worker, and the worker processes connected. */
  mode?: 'queue';
  queue_depth?: number;
  workers?: number;
}

async function queueHealth(): Promise<Pick<Health, 'mode' | 'queue_depth' | 'workers'>> {
  if (env().WEFT_EXECUTION_MODE !== 'queue') return {};
  const database = await getDatabase();
  const [queueDepth, workers] = await Promise.all([database.prisma.execution.count({ where: { status: 'queued' } }), liveWorkers()]);
  return { mode: 'queue', queue_depth: queueDepth, workers };
}

const HEALTH_TIMEOUT_MS = 5_000;

export async function checkHealth(): Promise<Health> {
  let database = databaseKindFromEnv();
  // Until migrations, the bootstrap key and recovery are done, requests that need them would fail (a 401 for
  // the bootstrap key), so a deploy script waiting for health must keep waiting.
  if (startupState() === 'starting') return { status: 'starting', database, version: WEFT_VERSION };
  let timer: NodeJS.Timeout | undefined;
  try {
    const queue = await Promise.race([
      getDatabase().then(async (db) => {
        database = db.kind;
        await db.sql.query('SELECT 1');
        return queueHealth();
      }),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${HEALTH_TIMEOUT_MS} ms`)), HEALTH_TIMEOUT_MS);
      }),
    ]);
    return { status: 'ok', database, version: WEFT_VERSION, ...queue };
  } catch (error) {
    return { status: 'unavailable', database, version: WEFT_VERSION, reason: `database unreachable: ${(error as Error).message}` };
  } finally {
    clearTimeout(timer);
  }
}
