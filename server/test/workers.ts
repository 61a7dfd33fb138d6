import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';

// Worker processes (`npm run worker`) for tests of queue mode, on the test file's own PostgreSQL database.

export interface TestWorker {
  process: ChildProcess;
  /** What it logged so far. */
  lines: string[];
  /** Resolves with the first line matching `pattern` (already logged or still to come). */
  logged(pattern: RegExp): Promise<string>;
  stop(): Promise<void>;
}

const WORKER_MAIN = path.join(import.meta.dirname, '../queue/worker-main.ts');

/** `settings`: more environment variables of the worker. */
export async function startTestWorker(databaseUrl: string, concurrency = 2, settings: Record<string, string> = {}): Promise<TestWorker> {
  const child = spawn(process.execPath, ['--no-node-snapshot', '--conditions=react-server', '--import', 'tsx', WORKER_MAIN], {
    env: { ...process.env, DATABASE_URL: databaseUrl, WEFT_EXECUTION_MODE: 'queue', WEFT_WORKER_CONCURRENCY: String(concurrency), NODE_OPTIONS: '', ...settings },
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
  const worker: TestWorker = {
    process: child,
    lines,
    logged: (pattern) => {
      const seen = lines.find((line) => pattern.test(line));
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        waiters.add({ pattern, resolve });
        void exited.then(() => reject(new Error(`the worker exited before logging ${pattern}:\n${lines.join('\n')}`)));
      });
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
  await worker.logged(/taking up to/);
  return worker;
}
