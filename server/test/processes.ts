import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';

// Other OS processes of the product (queue workers, server processes) for tests of what several processes sharing
// one PostgreSQL database do; each runs TypeScript through tsx as `npm run worker` does.

export interface TestProcess {
  process: ChildProcess;
  /** What it logged so far. */
  lines: string[];
  /** Resolves with the first line matching `pattern` (already logged or still to come). */
  logged(pattern: RegExp): Promise<string>;
  stop(): Promise<void>;
}

/** Starts `script` (a path under server/) with `env` added, and resolves once it has logged `ready`. */
export async function startTestProcess(script: string, env: Record<string, string>, ready: RegExp): Promise<TestProcess> {
  const child = spawn(process.execPath, ['--no-node-snapshot', '--conditions=react-server', '--import', 'tsx', path.join(import.meta.dirname, '..', script)], {
    env: { ...process.env, ...env, NODE_OPTIONS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiters = new Set<{ pattern: RegExp; resolve: (line: string) => void }>();
  const onData = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      lines.push(line);
      for (const waiter of waiters) {
        if (!waiter.pattern.test(line)) continue;
        waiters.delete(waiter);
        waiter.resolve(line);
      }
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = once(child, 'exit');
  const started: TestProcess = {
    process: child,
    lines,
    logged: (pattern) => {
      const seen = lines.find((line) => pattern.test(line));
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        waiters.add({ pattern, resolve });
        void exited.then(() => reject(new Error(`${script} exited before logging ${pattern}:\n${lines.join('\n')}`)));
      });
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
  await started.logged(ready);
  return started;
}

/**
 * A server process on `databaseUrl` without its HTTP side (test/server-main.ts): what every server runs at start,
 * the schedule loop included. Resolves once its database is ready.
 */
export function startTestServerProcess(databaseUrl: string): Promise<TestProcess> {
  return startTestProcess('test/server-main.ts', { DATABASE_URL: databaseUrl }, /database ready/);
}
