import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { acquireDataDirLock, releaseDataDirLock } from './data-dir-lock';
import { PrismaClient } from './generated/client';
import { applyMigrations, type SqlSession } from './migrate';

export type DatabaseKind = 'pglite' | 'postgres';

export type DatabaseTarget =
  | { kind: 'postgres'; url: string }
  /**
   * `dataDir` is Weft's data directory (the database lives in its `pglite/` folder, beside the lock file), or
   * `memory://` for a throwaway database.
   */
  | { kind: 'pglite'; dataDir: string }
  /** A PGlite database restored from a dumpDataDir() tarball (tests use a migrated template). */
  | { kind: 'pglite'; snapshot: Blob };

export interface Database {
  kind: DatabaseKind;
  prisma: PrismaClient;
  /** Raw SQL on the same database, for migrations, health checks and tests. */
  sql: SqlSession;
  /** PostgreSQL's connection string: what the job queue and LISTEN connections open beside the pool. */
  url?: string;
  close(): Promise<void>;
}

function pgliteSession(db: PGlite): SqlSession {
  return {
    exec: async (sql) => {
      await db.exec(sql);
    },
    query: async <T,>(sql: string, params?: unknown[]) => (await db.query<T>(sql, params)).rows,
  };
}

function pgSession(client: pg.Pool | pg.Client): SqlSession {
  return {
    exec: async (sql) => {
      await client.query(sql);
    },
    query: async <T,>(sql: string, params?: unknown[]) =>
      (await client.query(sql, params)).rows as T[],
  };
}

/**
 * PostgreSQL's default shared_buffers (128 MB) lives inside PGlite's WebAssembly memory, which is touched at start and
 * never returned: ~140 MB of an idle server. The files are in the OS page cache anyway, so a buffer miss is a read
 * from memory; 16 MB holds an execution's working set (the tables' and indexes' latest pages) many times over.
 */
const PGLITE_OPTIONS = { startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'] };

/**
 * Creates the database in `dir` in a thread of its own. initdb runs inside the instance's WebAssembly memory, which
 * never shrinks and, closed, is only returned at some later full garbage collection: created in this thread, a first
 * start idled with that memory (~165 MB) beside the one it then opened. A thread's memory goes when it ends.
 */
function createPgliteDir(dir: string): Promise<void> {
  const worker = new Worker(
    `const { workerData } = require('node:worker_threads');
     import('@electric-sql/pglite').then(async ({ PGlite }) => (await PGlite.create(workerData.dir, workerData.options)).close());`,
    { eval: true, workerData: { dir, options: PGLITE_OPTIONS } },
  );
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`Creating the database in ${dir} failed (thread exit code ${code})`))));
  });
}

/** Opens the database in `dir`, creating it the first time. */
async function openPgliteDir(dir: string): Promise<PGlite> {
  if (!dir.startsWith('memory://') && !fs.existsSync(path.join(dir, 'PG_VERSION'))) await createPgliteDir(dir);
  return PGlite.create(dir, PGLITE_OPTIONS);
}

async function openPglite(target: Extract<DatabaseTarget, { kind: 'pglite' }>, migrate: boolean): Promise<Database> {
  const lockedDir = 'dataDir' in target && !target.dataDir.startsWith('memory://') ? target.dataDir : null;
  if (lockedDir) acquireDataDirLock(lockedDir);
  try {
    const pglite = 'snapshot' in target ? await PGlite.create({ ...PGLITE_OPTIONS, loadDataDir: target.snapshot }) : await openPgliteDir(lockedDir ? path.join(lockedDir, 'pglite') : target.dataDir);
    const sql = pgliteSession(pglite);
    if (migrate) await applyMigrations(sql, { advisoryLock: false });
    const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
    return {
      kind: 'pglite',
      prisma,
      sql,
      close: async () => {
        await prisma.$disconnect();
        await pglite.close();
        if (lockedDir) releaseDataDirLock(lockedDir);
      },
    };
  } catch (error) {
    if (lockedDir) releaseDataDirLock(lockedDir);
    throw error;
  }
}

async function openPostgres(url: string, migrate: boolean): Promise<Database> {
  if (migrate) {
    // Advisory locks belong to one session, so migrations get a dedicated connection rather than the pool.
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
    await client.connect();
    try {
      await applyMigrations(pgSession(client), { advisoryLock: true });
    } finally {
      await client.end();
    }
  }
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5_000 });
  // An idle client losing its server must not crash the process; the next query reports the failure.
  pool.on('error', (error) => console.error('[weft] postgres connection error:', error.message));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    kind: 'postgres',
    prisma,
    sql: pgSession(pool),
    url,
    close: async () => {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

/** Opens (and by default migrates) a database. Callers own the result and must close it. */
export async function openDatabase(target: DatabaseTarget, options: { migrate?: boolean } = {}): Promise<Database> {
  const migrate = options.migrate ?? true;
  return target.kind === 'postgres' ? openPostgres(target.url, migrate) : openPglite(target, migrate);
}
