import fs from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import { closeDatabase, db, openDatabase, installDatabase, type Database } from '../db';
import { setEnv, unsetEnv } from './env';
import { postgresTestConfig } from './postgres';
import { startTestWorker, type TestWorker } from './workers';

/**
 * A fresh, migrated database of its own for the calling test file: PGlite in memory by default, a new
 * PostgreSQL database when TEST_DATABASE_URL is set. The caller closes it.
 */
export async function openTestDatabase(): Promise<Database> {
  const postgres = postgresTestConfig();
  if (!postgres) {
    const snapshot = new Blob([fs.readFileSync(inject('pgliteTemplate'))]);
    return openDatabase({ kind: 'pglite', snapshot }, { migrate: false });
  }
  const name = postgres.databaseName(inject('postgresTemplate'));
  const admin = new pg.Client({ connectionString: postgres.adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${inject('postgresTemplate')}"`);
  await admin.end();
  const database = await openDatabase({ kind: 'postgres', url: postgres.urlFor(name) }, { migrate: false });
  return {
    ...database,
    close: async () => {
      await database.close();
      const cleanup = new pg.Client({ connectionString: postgres.adminUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

/**
 * Makes a fresh test database the process-wide one (what services get from `db()`) for this test file.
 * Returns a getter because the database exists only once beforeAll has run. Files that start and stop worker
 * processes themselves pass `ownWorkers`, so TEST_EXECUTION_MODE=queue adds none behind their back.
 */
export function setupTestDatabase({ ownWorkers = false }: { ownWorkers?: boolean } = {}): () => Database {
  let database: Database | undefined;
  let workers: TestWorker[] = [];
  beforeAll(async () => {
    database = await openTestDatabase();
    installDatabase(database);
    if (!ownWorkers) workers = await startQueueModeWorkers(database);
  }, 120_000);
  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.stop()));
    await closeDatabase();
  });
  return () => {
    if (!database) throw new Error('setupTestDatabase(): the database opens in beforeAll');
    return database;
  };
}

/**
 * TEST_EXECUTION_MODE=queue (with TEST_DATABASE_URL): the suites run against the queue runtime, this process
 * being the web instance and two worker processes on the file's database running the executions.
 */
async function startQueueModeWorkers(database: Database): Promise<TestWorker[]> {
  if (process.env.TEST_EXECUTION_MODE !== 'queue') return [];
  if (!database.url) throw new Error('TEST_EXECUTION_MODE=queue needs TEST_DATABASE_URL (PostgreSQL)');
  await enterQueueMode(database.url);
  return Promise.all([startTestWorker(database.url), startTestWorker(database.url)]);
}

/** Makes this process a web instance of queue mode on `url`, with the queue's schema made once, before workers would race to make it. */
export async function enterQueueMode(url: string): Promise<void> {
  setEnv('WEFT_EXECUTION_MODE', 'queue');
  setEnv('DATABASE_URL', url);
  const { workerUtils } = await import('../queue/jobs');
  await workerUtils();
}

export function leaveQueueMode(): void {
  unsetEnv('WEFT_EXECUTION_MODE', 'DATABASE_URL');
}

/**
 * For files whose tests start runs they do not wait for (async webhooks, schedules): before the database closes,
 * waits until no execution is running any more. Call after `setupTestDatabase()`.
 */
export function waitForRunsBeforeClosing(): void {
  afterAll(async () => {
    const prisma = await db();
    while ((await prisma.execution.count({ where: { status: 'running' } })) > 0) await new Promise((resolve) => setTimeout(resolve, 50));
  });
}
