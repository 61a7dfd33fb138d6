import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

// Prisma's migrate engine cannot run here, so the app applies prisma/migrations itself, recording each one in
// Prisma's own _prisma_migrations layout (checksum = sha256 of the file) so `prisma migrate status` agrees.

/** One database session: statements run in order on the same connection. */
export interface SqlSession {
  /** Runs one or more statements without parameters. */
  exec(sql: string): Promise<void>;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

// Any constant works; it only has to be the same for every Weft process sharing a database.
const ADVISORY_LOCK_ID = 7_265_726_116;

const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export function readMigrations(): Migration[] {
  // Built literally from cwd: a path passed in as a parameter makes Turbopack trace the whole project.
  const root = path.join(process.cwd(), 'prisma', 'migrations');
  return fs
    .readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(root, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: unknown;
  rolled_back_at: unknown;
}

/**
 * Applies every migration not yet recorded, each in its own transaction. With `advisoryLock` (real PostgreSQL)
 * concurrent starts wait for each other instead of racing.
 */
export async function applyMigrations(
  session: SqlSession,
  options: { advisoryLock: boolean; migrations?: Migration[] },
): Promise<string[]> {
  const migrations = options.migrations ?? readMigrations();
  if (options.advisoryLock) await session.query('SELECT pg_advisory_lock($1)', [ADVISORY_LOCK_ID]);
  try {
    await session.exec(MIGRATIONS_TABLE);
    const rows = await session.query<AppliedRow>(
      'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"',
    );
    const done = new Map(rows.filter((r) => r.rolled_back_at == null).map((r) => [r.migration_name, r]));
    const applied: string[] = [];
    for (const migration of migrations) {
      const row = done.get(migration.name);
      if (row?.finished_at != null) {
        if (row.checksum !== migration.checksum) {
          console.warn(`[weft] migration ${migration.name} was edited after it was applied (checksum differs)`);
        }
        continue;
      }
      if (row) {
        throw new Error(
          `Migration ${migration.name} failed on an earlier start and is marked unfinished in _prisma_migrations. ` +
            'Repair the database by hand, then delete that row.',
        );
      }
      await session.exec('BEGIN');
      try {
        await session.exec(migration.sql);
        await session.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
           VALUES ($1, $2, $3, now(), now(), 1)`,
          [randomUUID(), migration.checksum, migration.name],
        );
        await session.exec('COMMIT');
      } catch (error) {
        await session.exec('ROLLBACK');
        throw new Error(`Migration ${migration.name} failed: ${(error as Error).message}`, { cause: error });
      }
      applied.push(migration.name);
    }
    return applied;
  } finally {
    if (options.advisoryLock) await session.query('SELECT pg_advisory_unlock($1)', [ADVISORY_LOCK_ID]);
  }
}
