// Server code only: a client bundle that reaches this module fails to build instead of shipping it.
import 'server-only';
import { env } from '../env';
import type { PrismaClient } from './generated/client';
import { openDatabase, type Database, type DatabaseKind, type DatabaseTarget } from './open';

export type { Database, DatabaseKind, DatabaseTarget };
export { openDatabase };

// The process-wide database, opened on first use: `next build` imports route modules, so nothing may connect at
// import time. Kept on globalThis so dev-mode module reloading does not open a second PGlite on the same files.
const globalForDb = globalThis as unknown as { weftDatabase?: Promise<Database> };

export function databaseTargetFromEnv(): DatabaseTarget {
  const { DATABASE_URL, WEFT_DATA_DIR } = env();
  return DATABASE_URL ? { kind: 'postgres', url: DATABASE_URL } : { kind: 'pglite', dataDir: WEFT_DATA_DIR };
}

export function databaseKindFromEnv(): DatabaseKind {
  return databaseTargetFromEnv().kind;
}

export function getDatabase(): Promise<Database> {
  if (!globalForDb.weftDatabase) {
    const opening = openDatabase(databaseTargetFromEnv());
    // A failed open is not cached: the next request tries again (e.g. once PostgreSQL is back).
    opening.catch(() => {
      if (globalForDb.weftDatabase === opening) globalForDb.weftDatabase = undefined;
    });
    globalForDb.weftDatabase = opening;
  }
  return globalForDb.weftDatabase;
}

/** The Prisma client of the process-wide database. */
export async function db(): Promise<PrismaClient> {
  return (await getDatabase()).prisma;
}

/** Lets tests run the services against a database they opened themselves. */
export function installDatabase(database: Database): void {
  globalForDb.weftDatabase = Promise.resolve(database);
}

const closeHooks = new Set<() => Promise<void>>();

/** Connections opened beside the database (LISTEN, the job queue) close with it. */
export function closeWithDatabase(hook: () => Promise<void>): void {
  closeHooks.add(hook);
}

export async function closeDatabase(): Promise<void> {
  const current = globalForDb.weftDatabase;
  globalForDb.weftDatabase = undefined;
  for (const hook of closeHooks) await hook().catch(() => undefined);
  if (current) await (await current).close();
}
