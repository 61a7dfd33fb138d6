import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { expect, test } from '@playwright/test';
import { at, chain, codeBlock, inputBlock, outputBlock } from './helpers/executions';
import { bootstrapHeaders, createWorkflowOn, streamRunUntil, withCrashableServer } from './helpers/own-server';
import { startServer, stopServer, tempDataDir, type TestServer } from './helpers/server';

// The world failing under a running server: SIGKILL in the middle of a graph save and of webhook consumption,
// PostgreSQL restarting mid-run, and the embedded database's disk filling up. Afterwards no graph is half written,
// no webhook is consumed without a recorded run, and no execution is left `running`.

const PORT = 3195;
const isRoot = process.getuid?.() === 0;

const origin = at(0, 0);

async function call<T = Record<string, unknown>>(server: TestServer, method: string, url: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${server.url}${url}`, { method, headers: bootstrapHeaders, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

const createWorkflow = (server: TestServer, graph: unknown) => createWorkflowOn(server, 'Faulty world', graph);

/** A chain of `n` code blocks, each stamped with `stamp`, so a stored graph shows whether it was written whole. */
function stampedChain(n: number, stamp: number) {
  return chain(inputBlock(origin), ...Array.from({ length: n }, (_, i) => codeBlock(`c${i}`, `return ${stamp}`, origin)), outputBlock(origin));
}

/** Reads the embedded database of a stopped server directly. */
async function inspectPglite<T>(dataDir: string, query: (db: PGlite) => Promise<T>): Promise<T> {
  const db = new PGlite(path.join(dataDir, 'pglite'));
  try {
    return await query(db);
  } finally {
    await db.close();
  }
}

async function expectNothingLost(dataDir: string): Promise<void> {
  await inspectPglite(dataDir, async (db) => {
    const burnt = await db.query(
      `SELECT w.id FROM "Webhook" w WHERE w."consumedAt" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "Execution" e WHERE e.id = w."executionId")`,
    );
    expect(burnt.rows, 'webhooks consumed without a recorded run').toEqual([]);
    const stuck = await db.query(`SELECT id, status FROM "Execution" WHERE status IN ('queued', 'running')`);
    expect(stuck.rows, 'executions left running').toEqual([]);
  });
}

test.describe.configure({ mode: 'serial' });
test.setTimeout(240_000);

test('SIGKILL during webhook consumption never burns the single shot without a recorded run', async () => {
  const dataDir = await withCrashableServer(PORT, async (own) => {
    const id = await createWorkflow(own.server, chain(inputBlock(origin), codeBlock('work', 'return input.n * 2', origin), outputBlock(origin)));
    expect((await call(own.server, 'POST', `/api/workflows/${id}/deploy`)).status).toBe(200);
    // Kill at different moments of the webhook's life: before, during and after consumption.
    for (const delayMs of [0, 3, 8, 15, 30, 60]) {
      const { body: armed } = await call<{ url: string; secret: string }>(own.server, 'POST', `/api/workflows/${id}/arm`, {});
      const pending = fetch(armed.url, { method: 'POST', headers: { authorization: `Bearer ${armed.secret}`, 'content-type': 'application/json' }, body: '{"n": 21}' }).catch(
        () => null,
      );
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      await own.crash();
      await pending;
      await expectNothingLost(own.server.dataDir);
      await own.restart();
    }
  });
  await expectNothingLost(dataDir);
});

test('SIGKILL during graph saves leaves one whole graph, never a mix', async () => {
  await withCrashableServer(PORT, async (own) => {
    const id = await createWorkflow(own.server, stampedChain(5, 0));
    for (const delayMs of [5, 20, 60]) {
      const saves = Array.from({ length: 20 }, (_, k) =>
        fetch(`${own.server.url}/api/workflows/${id}/graph`, { method: 'PUT', headers: bootstrapHeaders, body: JSON.stringify(stampedChain(40 + k, k + 1)) }).catch(() => null),
      );
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      await own.crash();
      await Promise.all(saves);
      await own.restart();
      const { body } = await call<{ blocks: { id: string; config: { code?: string } }[]; edges: unknown[] }>(own.server, 'GET', `/api/workflows/${id}`);
      const stamps = new Set(body.blocks.filter((b) => b.config.code).map((b) => b.config.code));
      expect(stamps.size, 'blocks of one save only').toBe(1);
      const stamp = Number([...stamps][0]!.replace('return ', ''));
      expect(body.blocks).toHaveLength(stamp === 0 ? 7 : 40 + stamp - 1 + 2);
      expect(body.edges).toHaveLength(body.blocks.length - 1);
    }
  });
});

/** A PostgreSQL cluster of this test's own, so restarting it disturbs nobody else. */
function privateCluster() {
  const bin = path.join('/usr/lib/postgresql', fs.readdirSync('/usr/lib/postgresql')[0], 'bin');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-faults-pg-'));
  fs.chmodSync(dir, 0o777);
  const port = 54329;
  const asPostgres = (command: string) => execFileSync('su', ['postgres', '-c', command], { stdio: 'pipe' });
  asPostgres(`${bin}/initdb -D ${dir}/data -A trust -U postgres >/dev/null`);
  const ctl = (action: string) => asPostgres(`${bin}/pg_ctl -D ${dir}/data -l ${dir}/log -w -o "-p ${port} -k ${dir} -c listen_addresses=127.0.0.1" ${action}`);
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    start: () => ctl('start'),
    restart: () => ctl('-m immediate restart'),
    stop: () => ctl('-m immediate stop'),
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

test('PostgreSQL restarting in the middle of a run: the run ends, nothing stays running, the server recovers', async () => {
  test.skip(!isRoot || !fs.existsSync('/usr/lib/postgresql'), 'needs root and a local PostgreSQL installation for a private cluster');
  const cluster = privateCluster();
  cluster.start();
  let server: TestServer | null = null;
  try {
    server = await startServer(PORT, tempDataDir(), { DATABASE_URL: cluster.url });
    const id = await createWorkflow(
      server,
      chain(
        inputBlock(origin),
        codeBlock('quick', 'return 1', origin),
        codeBlock('slow', 'await new Promise((r) => setTimeout(r, 3000)); return quick + 1', origin),
        codeBlock('after', 'return slow + 1', origin),
        outputBlock(origin),
      ),
    );
    const started = await streamRunUntil(server, id, {}, /"block_id":"slow"/);
    const { executionId, reader } = started;
    let { text } = started;
    cluster.restart();
    // The stream ends (completed, or failed with a clear code), and the row says the same.
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += value;
    }
    expect(text).toMatch(/event: (done|error)\n/);
    let status = 'running';
    for (let i = 0; i < 120 && (status === 'running' || status === 'queued'); i++) {
      const res = await call<{ status: string }>(server, 'GET', `/api/workflows/${id}/executions/${executionId}`).catch(() => null);
      if (res?.status === 200) status = res.body.status;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(['completed', 'failed']).toContain(status);
    // And the next run works.
    const next = await call<{ status: string; output: unknown }>(server, 'POST', `/api/workflows/${id}/execute`, { input: {} });
    expect(next.body).toMatchObject({ status: 'completed', output: { after: 3 } });
  } finally {
    if (server) await stopServer(server);
    cluster.stop();
    cluster.remove();
  }
});

test('the embedded database running out of disk: requests fail cleanly, and after space returns nothing is lost', async () => {
  test.skip(!isRoot, 'needs root to mount a small tmpfs');
  const dataDir = tempDataDir();
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=160m', 'tmpfs', dataDir]);
  let server: TestServer | null = null;
  try {
    server = await startServer(PORT, dataDir);
    const id = await createWorkflow(server, stampedChain(3, 1));
    const hooked = await createWorkflow(server, stampedChain(3, 1));
    expect((await call(server, 'POST', `/api/workflows/${hooked}/deploy`)).status).toBe(200);
    const { body: armed } = await call<{ url: string; secret: string }>(server, 'POST', `/api/workflows/${hooked}/arm`, {});
    // Fill the disk to the last byte.
    const filler = path.join(dataDir, 'filler');
    try {
      execFileSync('dd', ['if=/dev/zero', `of=${filler}`, 'bs=1M'], { stdio: 'ignore' });
    } catch {
      // dd stops with "no space left", which is the point
    }
    const attempts = [
      await fetch(`${server.url}/api/workflows/${id}/graph`, { method: 'PUT', headers: bootstrapHeaders, body: JSON.stringify(stampedChain(200, 2)) }).catch(() => null),
      await fetch(`${server.url}/api/workflows/${id}/execute`, { method: 'POST', headers: bootstrapHeaders, body: '{"input":{}}' }).catch(() => null),
      await fetch(armed.url, { method: 'POST', headers: { authorization: `Bearer ${armed.secret}`, 'content-type': 'application/json' }, body: '{}' }).catch(() => null),
    ];
    for (const res of attempts) if (res) expect([200, 201, 202, 503], `${res.url}: ${res.status} ${await res.text()}`).toContain(res.status);
    fs.rmSync(filler);
    await stopServer(server, 'SIGKILL');
    server = await startServer(PORT, dataDir);
    const { body } = await call<{ blocks: { config: { code?: string } }[] }>(server, 'GET', `/api/workflows/${id}`);
    const stamps = new Set(body.blocks.filter((b) => b.config.code).map((b) => b.config.code));
    expect(stamps.size).toBe(1);
    expect(body.blocks).toHaveLength(stamps.has('return 1') ? 5 : 202);
    await stopServer(server);
    server = null;
    await expectNothingLost(dataDir);
  } finally {
    if (server) await stopServer(server);
    execFileSync('umount', ['-l', dataDir]);
  }
});
