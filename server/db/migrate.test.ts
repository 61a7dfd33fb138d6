import { createHash } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { afterEach, describe, expect, inject, it } from 'vitest';
import pg from 'pg';
import { postgresTestConfig } from '../test/postgres';
import { openDatabase } from './open';
import { applyMigrations, readMigrations, type SqlSession } from './migrate';

function sessionOf(db: PGlite): SqlSession {
  return { exec: async (sql) => void (await db.exec(sql)), query: async (sql, params) => (await db.query(sql, params)).rows as never };
}

const open: PGlite[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((db) => db.close()));
});

async function emptyDatabase() {
  const db = await PGlite.create('memory://');
  open.push(db);
  return sessionOf(db);
}

describe('applyMigrations', () => {
  it('applies every migration once and records it the way prisma migrate does', async () => {
    const session = await emptyDatabase();
    const migrations = readMigrations();
    expect(await applyMigrations(session, { advisoryLock: false })).toEqual(migrations.map((m) => m.name));

    const rows = await session.query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>(
      'SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name',
    );
    expect(rows.map((r) => r.migration_name)).toEqual(migrations.map((m) => m.name));
    for (const [i, row] of rows.entries()) {
      expect(row.checksum).toBe(createHash('sha256').update(migrations[i].sql).digest('hex'));
      expect(row.finished_at).not.toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it('does nothing on a database that is already up to date', async () => {
    const session = await emptyDatabase();
    await applyMigrations(session, { advisoryLock: false });
    expect(await applyMigrations(session, { advisoryLock: false })).toEqual([]);
  });

  it('rolls back a failing migration completely, names it, and applies nothing after it', async () => {
    const session = await emptyDatabase();
    const migrations = [
      { name: '001_ok', sql: 'CREATE TABLE a (id int);', checksum: 'x' },
      { name: '002_broken', sql: 'CREATE TABLE b (id int); SELECT * FROM missing_table;', checksum: 'y' },
      { name: '003_later', sql: 'CREATE TABLE c (id int);', checksum: 'z' },
    ];
    await expect(applyMigrations(session, { advisoryLock: false, migrations })).rejects.toThrow(/Migration 002_broken failed: .*missing_table/);
    const tables = await session.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
    );
    expect(tables.map((t) => t.table_name)).toEqual(['_prisma_migrations', 'a']);
    const recorded = await session.query<{ migration_name: string }>('SELECT migration_name FROM "_prisma_migrations"');
    expect(recorded.map((r) => r.migration_name)).toEqual(['001_ok']);
  });

  it('refuses to go on past a migration an earlier start left unfinished', async () => {
    const session = await emptyDatabase();
    const migrations = [{ name: '001_ok', sql: 'CREATE TABLE a (id int);', checksum: 'x' }];
    await applyMigrations(session, { advisoryLock: false, migrations: [] });
    await session.exec(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, applied_steps_count) VALUES ('1', 'x', '001_ok', 0)`,
    );
    await expect(applyMigrations(session, { advisoryLock: false, migrations })).rejects.toThrow(/001_ok failed on an earlier start/);
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)('on PostgreSQL', () => {
  it('lets concurrent starts on one empty database serialize instead of racing', async () => {
    const config = postgresTestConfig()!;
    const name = config.databaseName(inject('postgresTemplate'));
    const admin = new pg.Client({ connectionString: config.adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    try {
      const url = config.urlFor(name);
      const databases = await Promise.all([0, 1, 2].map(() => openDatabase({ kind: 'postgres', url })));
      const rows = await databases[0].sql.query<{ migration_name: string }>('SELECT migration_name FROM "_prisma_migrations"');
      expect(rows.map((r) => r.migration_name).sort()).toEqual(readMigrations().map((m) => m.name));
      await Promise.all(databases.map((d) => d.close()));
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    }
  });
});
