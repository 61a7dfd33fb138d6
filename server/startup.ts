import { databaseTargetFromEnv, getDatabase } from './db';
import { ensureBootstrapApiKey } from './services/api-keys';
import { pruneOldExecutions } from './services/execution-history';
import { markInterruptedExecutions } from './services/executions/recovery';
import { scheduleWaitingExecutions } from './services/executions/waits';
import { pruneOldWebhookAttempts } from './services/webhook-attempts';
import { startScheduler } from './services/trigger-scheduler';
import { setStartupState } from './startup-state';
import { acquireDataDirLock, DataDirLockedError } from './db/data-dir-lock';
import { loadIsolatedVm } from './sandbox/load-isolated-vm.mjs';

/**
 * Runs once per server process. Claims the embedded database directory before serving anything, so a second
 * server on the same directory exits with a clear message instead of corrupting it, then opens and migrates the
 * database in the background so the first request does not pay for it.
 */
export async function startServer(): Promise<void> {
  const target = databaseTargetFromEnv();
  if (target.kind === 'pglite' && 'dataDir' in target && !target.dataDir.startsWith('memory://')) {
    try {
      acquireDataDirLock(target.dataDir);
    } catch (error) {
      if (error instanceof DataDirLockedError) {
        console.error(`[weft] ${error.message}`);
        process.exit(1);
      }
      throw error;
    }
  }
  reportSandboxProblem();
  setStartupState('starting');
  getDatabase()
    .then(async (db) => {
      console.log(`[weft] database ready (${db.kind})`);
      await ensureBootstrapApiKey();
      await markInterruptedExecutions();
      await scheduleWaitingExecutions();
      setStartupState('ready');
      schedulePruning();
      startScheduler();
    })
    .catch((error: Error) => {
      setStartupState('failed');
      console.error(`[weft] database unavailable: ${error.message}`);
    });
}

/** Says at start, not at the first code block, when no isolated-vm build loads on this Node; the rest still works. */
function reportSandboxProblem() {
  try {
    loadIsolatedVm();
  } catch (error) {
    console.error(`[weft] ${error instanceof Error ? error.message : String(error)}`);
  }
}

const PRUNE_EVERY_MS = 60 * 60 * 1000;

/** Retention runs once at start and then hourly, in the background. */
function schedulePruning() {
  const prune = () =>
    Promise.all([pruneOldExecutions(), pruneOldWebhookAttempts()]).catch((error: Error) => console.error(`[weft] retention failed: ${error.message}`));
  void prune();
  setInterval(prune, PRUNE_EVERY_MS).unref();
}
