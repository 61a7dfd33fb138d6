import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// Two processes on one PGlite directory corrupt it silently (PGlite has no lock of its own), so the owner writes
// its pid into a lock file and every other process refuses to open the directory while that pid lives.

const LOCK_FILE = 'weft.lock';

interface LockOwner {
  pid: number;
  hostname: string;
  startedAt: string;
}

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: LockOwner,
  ) {
    super(
      `The data directory ${dataDir} is in use by another Weft process (pid ${owner.pid} on ${owner.hostname}, ` +
        `since ${owner.startedAt}). Only one process may use an embedded database directory: stop that process, ` +
        `or point this one elsewhere with WEFT_DATA_DIR (or at PostgreSQL with DATABASE_URL).`,
    );
    this.name = 'DataDirLockedError';
  }
}

const held = new Set<string>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM means the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A pid recycled by an unrelated program after a crash must not keep the directory locked forever.
  try {
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return /node|next|weft/i.test(cmdline);
  } catch {
    return true; // no /proc: trust kill(0)
  }
}

function readOwner(file: string): LockOwner | null {
  try {
    const owner = JSON.parse(fs.readFileSync(file, 'utf8')) as LockOwner;
    return Number.isInteger(owner.pid) ? owner : null;
  } catch {
    return null; // missing, half-written or garbage: not a valid claim
  }
}

/** Takes the directory for this process, or throws DataDirLockedError naming the owner. Idempotent. */
export function acquireDataDirLock(dataDir: string): void {
  const dir = path.resolve(dataDir);
  if (held.has(dir)) return;
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, LOCK_FILE);
  const me: LockOwner = { pid: process.pid, hostname: os.hostname(), startedAt: new Date().toISOString() };

  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx');
      fs.writeSync(fd, JSON.stringify(me));
      fs.closeSync(fd);
      held.add(dir);
      process.once('exit', () => releaseDataDirLock(dir));
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = readOwner(file);
    if (owner && owner.pid === process.pid) {
      held.add(dir);
      return;
    }
    if (owner && isAlive(owner.pid)) throw new DataDirLockedError(dir, owner);
    if (!owner) {
      // Another process may be between creating and writing the file: give it a moment before calling it stale.
      const stat = fs.statSync(file, { throwIfNoEntry: false });
      if (!stat) continue;
      if (Date.now() - stat.mtimeMs < 2000) {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
        continue;
      }
    }
    console.warn(`[weft] recovering a stale lock on ${dir} left by pid ${owner?.pid ?? 'unknown'}`);
    fs.rmSync(file, { force: true });
  }
  const owner = readOwner(file);
  throw new DataDirLockedError(dir, owner ?? { pid: -1, hostname: 'unknown', startedAt: 'unknown' });
}

export function releaseDataDirLock(dataDir: string): void {
  const dir = path.resolve(dataDir);
  if (!held.delete(dir)) return;
  const file = path.join(dir, LOCK_FILE);
  if (readOwner(file)?.pid === process.pid) fs.rmSync(file, { force: true });
}
