// 500 executions at once against the production server, on the embedded PGlite and on PostgreSQL: 400 through
// `POST /execute` over three mixed workflows (code + condition branches, an http call, a fan-out) and 100 through
// armed webhooks. Every execution must complete with every block log and a complete event stream. Prints latency
// percentiles, throughput, and the server's process-tree RSS at its peak and after it settles.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startServer, stopServer, tempDataDir, type TestServer } from '../e2e/helpers/server';
import { buildIfStale } from '../scripts/build-if-stale.mjs';
import { api, headers, withPostgresDatabase } from './support/harness';
import { treeRssMb } from './support/proc';
import { summarize } from './support/stats';

const PORT = Number(process.env.BENCH_PORT ?? 3191);
const TOTAL = Number(process.env.BENCH_LOAD_EXECUTIONS ?? 500);
const VIA_WEBHOOK = Math.round(TOTAL / 5);

const block = (id: string, type: string, config: Record<string, unknown> = {}) => ({ id, type, config, position: { x: 0, y: 0 } });
const edge = (source: string, target: string, sourceHandle?: string) => ({ source, target, ...(sourceHandle ? { sourceHandle } : {}) });

function mixedWorkflows(echoUrl: string) {
  return {
    branches: {
      blocks: [
        block('input', 'input'),
        block('score', 'code', { code: 'return { value: input.n % 2 }' }),
        block('check', 'condition', { expression: 'score.value === 1' }),
        block('odd', 'code', { code: 'return "odd"' }),
        block('even', 'code', { code: 'return "even"' }),
        block('output', 'output'),
      ],
      edges: [edge('input', 'score'), edge('score', 'check'), edge('check', 'odd', 'true'), edge('check', 'even', 'false'), edge('odd', 'output'), edge('even', 'output')],
      blocksRun: 6,
    },
    http: {
      blocks: [block('input', 'input'), block('call', 'http', { method: 'POST', url: echoUrl, body: { n: '{{input.n}}' } }), block('output', 'output', { value: '{{call.body}}' })],
      edges: [edge('input', 'call'), edge('call', 'output')],
      blocksRun: 3,
    },
    fanout: {
      blocks: [block('input', 'input'), ...[1, 2, 3].map((i) => block(`f${i}`, 'code', { code: `return input.n * ${i}` })), block('output', 'output')],
      edges: [1, 2, 3].flatMap((i) => [edge('input', `f${i}`), edge(`f${i}`, 'output')]),
      blocksRun: 5,
    },
  };
}

interface Shot {
  workflowId: string;
  blocksRun: number;
  call: () => Promise<Response>;
}

async function prepare(server: TestServer, echoUrl: string): Promise<Shot[]> {
  const shots: Shot[] = [];
  const workflows = Object.entries(mixedWorkflows(echoUrl));
  const ids: { id: string; blocksRun: number }[] = [];
  for (const [name, { blocks, edges, blocksRun }] of workflows) {
    const { id } = await api<{ id: string }>(`${server.url}/api/workflows`, 'POST', { name });
    await api(`${server.url}/api/workflows/${id}/graph`, 'PUT', { blocks, edges });
    ids.push({ id, blocksRun });
  }
  for (let i = 0; i < TOTAL - VIA_WEBHOOK; i++) {
    const { id, blocksRun } = ids[i % ids.length];
    shots.push({ workflowId: id, blocksRun, call: () => fetch(`${server.url}/api/workflows/${id}/execute`, { method: 'POST', headers, body: JSON.stringify({ input: { n: i } }) }) });
  }
  // An armed webhook fires once, so each webhook call gets a deployed workflow of its own.
  const [, { blocks, edges, blocksRun }] = workflows[0];
  for (let i = 0; i < VIA_WEBHOOK; i++) {
    const { id } = await api<{ id: string }>(`${server.url}/api/workflows`, 'POST', { name: `hook ${i}` });
    await api(`${server.url}/api/workflows/${id}/graph`, 'PUT', { blocks, edges });
    await api(`${server.url}/api/workflows/${id}/deploy`, 'POST');
    const { url, secret } = await api<{ url: string; secret: string }>(`${server.url}/api/workflows/${id}/arm`, 'POST', {});
    shots.push({
      workflowId: id,
      blocksRun,
      call: () => fetch(url, { method: 'POST', headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' }, body: JSON.stringify({ n: i }) }),
    });
  }
  return shots;
}

/** Every execution completed, with a block log per block that ran and an event stream that ends in `done`. */
async function verify(server: TestServer, results: { workflowId: string; executionId: string; blocksRun: number }[]): Promise<string[]> {
  const problems: string[] = [];
  for (const { workflowId, executionId, blocksRun } of results) {
    const base = `${server.url}/api/workflows/${workflowId}/executions/${executionId}`;
    const execution = await api<{ status: string }>(base, 'GET');
    const { block_logs } = await api<{ block_logs: unknown[] }>(`${base}/logs`, 'GET');
    const events = await (await fetch(`${base}/stream`, { headers })).text();
    const ids = [...events.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
    const gapless = ids.every((id, index) => id === ids[0] + index);
    if (execution.status !== 'completed' || block_logs.length !== blocksRun || !/event: done/.test(events) || !gapless) {
      problems.push(`${executionId}: ${execution.status}, ${block_logs.length}/${blocksRun} logs, ${ids.length} events${gapless ? '' : ' with gaps'}`);
    }
  }
  return problems;
}

async function runOn(label: string, databaseUrl: string | null, echoUrl: string): Promise<void> {
  const server = await startServer(PORT, tempDataDir(), databaseUrl ? { DATABASE_URL: databaseUrl } : {});
  try {
    const shots = await prepare(server, echoUrl);
    const pid = server.process.pid!;
    const idleRss = treeRssMb(pid);
    let peakRss = idleRss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, treeRssMb(pid))), 100);
    const latencies: number[] = [];
    const started = performance.now();
    const results = await Promise.all(
      shots.map(async ({ workflowId, blocksRun, call }) => {
        const t = performance.now();
        const res = await call();
        const body = (await res.json()) as { execution_id?: string; id?: string; status?: string };
        latencies.push(performance.now() - t);
        if (!res.ok) throw new Error(`${res.status}: ${JSON.stringify(body)}`);
        return { workflowId, executionId: body.execution_id ?? body.id!, blocksRun };
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    const problems = await verify(server, results);
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    const settledRss = treeRssMb(pid);
    console.log(`${label}: ${results.length} executions (${TOTAL - VIA_WEBHOOK} via /execute, ${VIA_WEBHOOK} via webhooks) at once`);
    console.log(`  ${summarize('request to result', latencies)}`);
    console.log(`  throughput ${(results.length / seconds).toFixed(1)} executions/s; all done in ${seconds.toFixed(1)} s`);
    console.log(`  process-tree RSS: idle ${idleRss.toFixed(0)} MB, peak ${peakRss.toFixed(0)} MB, settled (10 s later) ${settledRss.toFixed(0)} MB`);
    console.log(problems.length === 0 ? '  every execution completed with all its block logs and a gapless event stream' : `  ${problems.length} PROBLEMS:\n    ${problems.slice(0, 20).join('\n    ')}`);
  } finally {
    await stopServer(server);
  }
}

async function main() {
  buildIfStale();
  const echo = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      res.end(body || '{}');
    });
  });
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
  const echoUrl = `http://127.0.0.1:${(echo.address() as AddressInfo).port}/echo`;
  try {
    await runOn('PGlite (embedded)', null, echoUrl);
    await withPostgresDatabase('load', (url) => runOn('PostgreSQL', url, echoUrl));
  } finally {
    echo.close();
  }
}

await main();
