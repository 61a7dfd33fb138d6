import { startTestProcess, type TestProcess } from './processes';

// Worker processes (`npm run worker`) for tests of queue mode, on the test file's own PostgreSQL database.

export type TestWorker = TestProcess;

/** `settings`: more environment variables of the worker. */
export function startTestWorker(databaseUrl: string, concurrency = 2, settings: Record<string, string> = {}): Promise<TestWorker> {
  return startTestProcess(
    'queue/worker-main.ts',
    { DATABASE_URL: databaseUrl, WEFT_EXECUTION_MODE: 'queue', WEFT_WORKER_CONCURRENCY: String(concurrency), ...settings },
    /taking up to/,
  );
}
