import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { applyMigrations } from '../db/migrate';
import { postgresTestConfig, runPidOf } from './postgres';

// Migrating a fresh database for every test file would cost seconds each, so this migrates one template per
// run: a PGlite tarball by default, or a PostgreSQL template database when TEST_DATABASE_URL is set.

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  const postgres = postgresTestConfig();
  if (postgres) {
    const admin = new pg.Client({ connectionString: postgres.adminUrl });
    await admin.connect();
    // Leftovers of earlier (killed) runs would otherwise pile up. Names carry the pid of the run that made them,
    // so only the leftovers of runs that are gone are dropped, and parallel runs on one server leave each other be.
    const stale = await admin.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE 'weft\\_t\\_%' OR datname LIKE 'weft\\_template\\_%'",
    );
    for (const { datname } of stale.rows) {
      if (runIsAlive(datname)) continue;
      await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
    await admin.query(`CREATE DATABASE "${postgres.templateName}"`);
    const template = new pg.Client({ connectionString: postgres.urlFor(postgres.templateName) });
    await template.connect();
    await applyMigrations(
      {
        exec: async (sql) => void (await template.query(sql)),
        query: async (sql, params) => (await template.query(sql, params)).rows,
      },
      { advisoryLock: false },
    );
    await template.end();
    project.provide('postgresTemplate', postgres.templateName);
    project.provide('pgliteTemplate', '');
    return async () => {
      await admin.query(`DROP DATABASE IF EXISTS "${postgres.templateName}" WITH (FORCE)`);
      await admin.end();
    };
  }

  const db = await PGlite.create('memory://');
  await applyMigrations(
    { exec: async (sql) => void (await db.exec(sql)), query: async (sql, params) => (await db.query(sql, params)).rows as never },
    { advisoryLock: false },
  );
  const dump = await db.dumpDataDir('none');
  await db.close();
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'weft-test-')), 'template.tar');
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplate', file);
  project.provide('postgresTemplate', '');
  return () => fs.rmSync(path.dirname(file), { recursive: true, force: true });
}

function runIsAlive(database: string): boolean {
  const pid = runPidOf(database);
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user, so its run is alive too.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
