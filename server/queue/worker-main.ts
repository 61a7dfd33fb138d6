// `npm run worker`: one worker process of queue mode (see README, "Scaling out").
import { closeDatabase } from '../db';
import { env, unsetEmptyEnvironmentVariables } from '../env';
import { startWorker } from './worker';

unsetEmptyEnvironmentVariables();
try {
  const settings = env();
  if (!settings.DATABASE_URL) throw new Error('npm run worker needs PostgreSQL: set DATABASE_URL=postgres://… (the same as the web servers)');
  const runner = await startWorker({ concurrency: settings.WEFT_WORKER_CONCURRENCY, shutdownGraceMs: settings.WEFT_WORKER_SHUTDOWN_GRACE_MS });
  await runner.promise;
  await closeDatabase();
  process.exit(0); // the sandbox processes and other idle handles would keep it alive
} catch (error) {
  console.error(`[weft worker] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
