import pg from 'pg';
import { BOOTSTRAP_KEY } from '../../e2e/helpers/server';

// What the HTTP benchmarks share: the bootstrap key's headers, a JSON call that fails loudly, and a throwaway
// PostgreSQL database.

export const headers = { authorization: `Bearer ${BOOTSTRAP_KEY}`, 'content-type': 'application/json' };

const POSTGRES_ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export async function api<T>(url: string, method: string, body?: unknown): Promise<T> {
  const res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Runs `fn` with the URL of a fresh PostgreSQL database, dropped afterwards; says so and skips when there is no server. */
export async function withPostgresDatabase(label: string, fn: (url: string) => Promise<void>): Promise<void> {
  const name = `weft_bench_${label}_${process.pid}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  try {
    await admin.connect();
  } catch (error) {
    console.log(`PostgreSQL: skipped (${POSTGRES_ADMIN_URL} unreachable: ${(error as Error).message})`);
    return;
  }
  await admin.query(`CREATE DATABASE "${name}"`);
  try {
    const url = new URL(POSTGRES_ADMIN_URL);
    url.pathname = `/${name}`;
    await fn(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}
