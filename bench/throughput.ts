// Executions per second, latency and CPU per execution of POST /api/workflows/{id}/execute against the production
// server, on the embedded PGlite and on PostgreSQL, for the three workloads of the performance targets:
// (a) input → output, (b) input → 10 code blocks in a chain → output, (c) input → 10 code blocks side by side → one
// output that references all 10; at concurrency 1 and 10. CPU is the server's whole process tree (sandbox children
// included, and the sandbox's share apart) from /proc; RSS idle, at its peak and after the load. Also the time from
// request to the first SSE event, and as the floor under all of it a request that runs and writes nothing.
// BENCH_DATABASES=pglite,postgres picks the databases; BENCH_PARTS=a,b,c,floor,sse picks what is driven (all by
// default); BENCH_CPU_PROF=<dir> runs the server with `--cpu-prof` and prints where its time went (bench/PROFILE.md
// says what was found).
import fs from 'node:fs';
import path from 'node:path';
import { startServer, stopServer, tempDataDir, type TestServer } from '../e2e/helpers/server';
import { buildIfStale } from '../scripts/build-if-stale.mjs';
import { api, headers, withPostgresDatabase } from './support/harness';
import { summarizeCpuProfiles } from './support/cpu-profile';
import { ownCpuMs, ownRssMb, treeCpuMs, treeRssMb } from './support/proc';
import { summarize } from './support/stats';

const PORT = Number(process.env.BENCH_PORT ?? 3190);
const REQUESTS = { 1: Number(process.env.BENCH_SEQUENTIAL ?? 100), 10: Number(process.env.BENCH_CONCURRENT ?? 300) };
const DATABASES = (process.env.BENCH_DATABASES ?? 'pglite,postgres').split(',');
const CPU_PROFILE_DIR = process.env.BENCH_CPU_PROF;
const PARTS = new Set((process.env.BENCH_PARTS ?? 'a,b,c,floor,sse').split(','));

const block = (id: string, type: string, config: Record<string, unknown> = {}) => ({ id, type, config, position: { x: 0, y: 0 } });
const codeIds = Array.from({ length: 10 }, (_, i) => `c${i + 1}`);

const workloads = {
  '(a) input → output': {
    blocks: [block('input', 'input'), block('output', 'output')],
    edges: [{ source: 'input', target: 'output' }],
  },
  '(b) 10 code blocks in a chain': {
    blocks: [
      block('input', 'input'),
      ...codeIds.map((id, i) => block(id, 'code', { code: `return { counter: ${i === 0 ? '(input.counter ?? 0)' : `${codeIds[i - 1]}.counter`} + 1 }` })),
      block('output', 'output'),
    ],
    edges: ['input', ...codeIds, 'output'].slice(1).map((target, i, rest) => ({ source: i === 0 ? 'input' : rest[i - 1], target })),
  },
  '(c) 10 code blocks side by side': {
    blocks: [
      block('input', 'input'),
      ...codeIds.map((id) => block(id, 'code', { code: 'return { counter: (input.counter ?? 0) + 1 }' })),
      block('output', 'output', { value: Object.fromEntries(codeIds.map((id) => [id, `{{${id}.counter}}`])) }),
    ],
    edges: codeIds.flatMap((id) => [
      { source: 'input', target: id },
      { source: id, target: 'output' },
    ]),
  },
};

/** `requests` calls of `call` from `concurrency` clients at once: the latency of each and the whole time taken. */
async function load(call: () => Promise<void>, requests: number, concurrency: number) {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requests) {
        next++;
        const t = performance.now();
        await call();
        latencies.push(performance.now() - t);
      }
    }),
  );
  return { latencies, seconds: (performance.now() - started) / 1000 };
}

const execute = (url: string) => async () => {
  const res = await fetch(url, { method: 'POST', headers, body: '{"input":{"counter":0}}' });
  const body = (await res.json()) as { status: string; error: unknown };
  if (body.status !== 'completed') throw new Error(`execution ${body.status}: ${JSON.stringify(body.error)}`);
};

const read = (url: string) => async () => {
  const res = await fetch(url, { headers });
  if (!res.ok) throw new Error(`GET ${url}: ${res.status}`);
  await res.arrayBuffer();
};

/** Prints throughput, latency and process-tree CPU per call (the sandbox's share apart) of `call` at both concurrencies. */
async function measure(pid: number, name: string, unit: string, call: () => Promise<void>): Promise<void> {
  await load(call, 10, 1); // warm-up
  for (const concurrency of [1, 10] as const) {
    const requests = REQUESTS[concurrency];
    const [treeBefore, serverBefore] = [treeCpuMs(pid), ownCpuMs(pid)];
    const { latencies, seconds } = await load(call, requests, concurrency);
    const tree = (treeCpuMs(pid) - treeBefore) / requests;
    const sandbox = tree - (ownCpuMs(pid) - serverBefore) / requests;
    console.log(
      `  ${summarize(`${name}, concurrency ${concurrency}`, latencies)}  ${(requests / seconds).toFixed(1)} ${unit}/s  CPU ${tree.toFixed(1)} ms/${unit} (sandbox ${sandbox.toFixed(1)})`,
    );
  }
}

/**
 * From the request to the stream's first bytes (its `retry:` line, which is what the issue's "first SSE event" has
 * been measured as since the first round) and to its first event (`id:`), which for (a) comes once the run is written.
 */
async function firstEventLatency(server: TestServer): Promise<{ opened: number[]; firstEvent: number[] }> {
  const { id } = await api<{ id: string }>(`${server.url}/api/workflows`, 'POST', { name: 'sse' });
  await api(`${server.url}/api/workflows/${id}/graph`, 'PUT', workloads['(a) input → output']);
  const opened: number[] = [];
  const firstEvent: number[] = [];
  const decoder = new TextDecoder();
  for (let i = 0; i < 30; i++) {
    const t = performance.now();
    const res = await fetch(`${server.url}/api/workflows/${id}/execute/stream`, { method: 'POST', headers, body: '{"input":{}}' });
    const reader = res.body!.getReader();
    let text = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      const at = performance.now() - t;
      if (text === '') opened.push(at);
      if (text.includes('id: ')) continue; // the rest is drained to the end of the run
      text += decoder.decode(chunk.value);
      if (text.includes('id: ')) firstEvent.push(at);
    }
  }
  return { opened: opened.slice(3), firstEvent: firstEvent.slice(3) };
}

/** `--cpu-prof` into a directory of the database's own, when asked. */
function profiling(label: string): { nodeArgs: string[]; profileDir: string | null } {
  if (!CPU_PROFILE_DIR) return { nodeArgs: [], profileDir: null };
  const profileDir = path.resolve(CPU_PROFILE_DIR, label.split(' ')[0].toLowerCase());
  fs.rmSync(profileDir, { recursive: true, force: true });
  return { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`], profileDir };
}

const rssLine = (pid: number) => `${treeRssMb(pid).toFixed(0)} MB (server ${ownRssMb(pid).toFixed(0)} MB)`;

async function runOn(label: string, databaseUrl: string | null): Promise<void> {
  const { nodeArgs, profileDir } = profiling(label);
  const server = await startServer(PORT, tempDataDir(), databaseUrl ? { DATABASE_URL: databaseUrl } : {}, nodeArgs);
  const pid = server.process.pid!;
  try {
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const idleRss = rssLine(pid);
    let peakRss = treeRssMb(pid);
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, treeRssMb(pid))), 100);
    console.log(`${label}: POST /execute against the production server`);
    for (const [name, graph] of Object.entries(workloads)) {
      if (!PARTS.has(name[1]!)) continue;
      const { id } = await api<{ id: string }>(`${server.url}/api/workflows`, 'POST', { name });
      await api(`${server.url}/api/workflows/${id}/graph`, 'PUT', graph);
      await measure(pid, name, 'exec', execute(`${server.url}/api/workflows/${id}/execute`));
    }
    // The floor under every execution: the framework alone (health answers from one `SELECT 1`), then with
    // authentication and a workflow read, with nothing run or written.
    if (PARTS.has('floor')) {
      await measure(pid, 'floor: GET /api/health', 'req', read(`${server.url}/api/health`));
      const { id } = await api<{ id: string }>(`${server.url}/api/workflows`, 'POST', { name: 'floor' });
      await measure(pid, 'floor: GET /api/workflows/{id} (authenticated, one read)', 'req', read(`${server.url}/api/workflows/${id}`));
    }
    if (PARTS.has('sse')) {
      const { opened, firstEvent } = await firstEventLatency(server);
      console.log(`  ${summarize("request to the stream's first bytes (execute/stream)", opened)}`);
      console.log(`  ${summarize('request to the first SSE event (execute/stream)', firstEvent)}`);
    }
    clearInterval(sampler);
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    console.log(`  process-tree RSS: idle ${idleRss}, peak ${peakRss.toFixed(0)} MB, 10 s after the load ${rssLine(pid)}`);
  } finally {
    await stopServer(server);
  }
  if (profileDir) console.log(summarizeCpuProfiles(profileDir));
}

async function main() {
  buildIfStale();
  if (DATABASES.includes('pglite')) await runOn('PGlite (embedded)', null);
  if (DATABASES.includes('postgres')) await withPostgresDatabase('throughput', (url) => runOn('PostgreSQL', url));
}

await main();
