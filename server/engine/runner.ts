import os from 'node:os';

// Which process runs an execution. Stored on the execution so that, after a crash, the next start can tell its
// own orphans (same host, that process gone) from executions another live server is still running.

const startedAt = Date.now();
export const RUNNER_ID = `${os.hostname()}:${process.pid}:${startedAt}`;

/** True when the runner named by `runnerId` is certainly gone (it ran on this host and its process is dead). */
export function runnerIsGone(runnerId: string | null, embeddedDatabase: boolean): boolean {
  // One process owns an embedded database, so anything left running by someone else is an orphan.
  if (embeddedDatabase) return runnerId !== RUNNER_ID;
  if (!runnerId) return true;
  const [host, pidText] = runnerId.split(':');
  if (host !== os.hostname()) return false;
  const pid = Number(pidText);
  // Our own pid under another start time: an earlier process of this host whose pid was reused.
  if (pid === process.pid) return runnerId !== RUNNER_ID;
  try {
    process.kill(pid, 0);
    return false;
  } catch {
    return true;
  }
}
