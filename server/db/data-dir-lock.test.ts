import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirLockedError, releaseDataDirLock } from './data-dir-lock';

const dirs: string[] = [];
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) {
    releaseDataDirLock(dir);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

function tempDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-lock-'));
  dirs.push(dir);
  return dir;
}

/** Another process that takes the lock the way a Weft server does and then stays alive. */
async function lockInAnotherProcess(dir: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '-e', `import('./server/db/data-dir-lock.ts').then(m => { m.acquireDataDirLock(${JSON.stringify(dir)}); console.log('locked'); process.stdin.resume(); process.stdin.on('end', () => process.exit(0)); })`],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => String(chunk).includes('locked') && resolve());
    child.on('exit', (code) => reject(new Error(`lock holder exited with ${code}`)));
  });
  return child;
}

describe('the data directory lock', () => {
  it('is refused while another live process holds it, naming the directory and that pid', async () => {
    const dir = tempDir();
    const holder = await lockInAnotherProcess(dir);
    let error: unknown;
    try {
      acquireDataDirLock(dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DataDirLockedError);
    expect((error as Error).message).toContain(`The data directory ${dir} is in use by another Weft process (pid ${holder.pid} `);
  });

  it('is recovered when the process that held it died without cleaning up', async () => {
    const dir = tempDir();
    const holder = await lockInAnotherProcess(dir);
    holder.kill('SIGKILL');
    await new Promise((resolve) => holder.on('exit', resolve));
    expect(fs.existsSync(path.join(dir, 'weft.lock'))).toBe(true);
    expect(() => acquireDataDirLock(dir)).not.toThrow();
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'weft.lock'), 'utf8')).pid).toBe(process.pid);
  });

  it('is released by a clean exit, so the next process gets it', async () => {
    const dir = tempDir();
    const holder = await lockInAnotherProcess(dir);
    holder.stdin!.end(); // the holder exits normally, as a server does on shutdown
    await new Promise((resolve) => holder.on('exit', resolve));
    expect(fs.existsSync(path.join(dir, 'weft.lock'))).toBe(false);
    expect(() => acquireDataDirLock(dir)).not.toThrow();
  });

  it('can be taken again by the process that holds it', () => {
    const dir = tempDir();
    acquireDataDirLock(dir);
    expect(() => acquireDataDirLock(dir)).not.toThrow();
    releaseDataDirLock(dir);
    expect(fs.existsSync(path.join(dir, 'weft.lock'))).toBe(false);
  });

  it('treats a garbage lock file as stale once it is old enough', () => {
    const dir = tempDir();
    const file = path.join(dir, 'weft.lock');
    fs.writeFileSync(file, 'not json');
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(file, old, old);
    expect(() => acquireDataDirLock(dir)).not.toThrow();
  });
});
