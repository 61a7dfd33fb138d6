// HTTP throughput and latency of POST /api/workflows/{id}/execute against the production server, for a 1-block,
// a 10-block chain and a 10-way fan-out workflow at concurrency 1 and 10; and the time from request to the first
// event of POST .../execute/stream.
import { BOOTSTRAP_KEY, startServer, stopServer, tempDataDir } from '../e2e/helpers/server';
import { buildIfStale } from '../scripts/build-if-stale.mjs';
import { summarize } from './stats';

const PORT = Number(process.env.BENCH_PORT ?? 3190);
const headers = { authorization: `Bearer ${BOOTSTRAP_KEY}`, 'content-type': 'application/json' };

const block = (id: string, type: string, config: Record<string, unknown> = {}) => ({ id, type, config, position: { x: 0, y: 0 } });

const workflows = {
  '1 block': {
    blocks: [block('input', 'input'), block('b1', 'code', { code: 'return input.n + 1' }), block('output', 'output')],
    edges: [{ source: 'input', target: 'b1' }, { source: 'b1', target: 'output' }],
  },
  '10-block chain': {
    blocks: [block('input', 'input'), ...Array.from({ length: 10 }, (_, i) => block(`b${i + 1}`, 'code', { code: `return ${i === 0 ? 'input.n' : `b${i}`} + 1` })), block('output', 'output')],
    edges: [
      { source: 'input', target: 'b1' },
      ...Array.from({ length: 9 }, (_, i) => ({ source: `b${i + 1}`, target: `b${i + 2}` })),
      { source: 'b10', target: 'output' },
    ],
  },
  '10-way fan-out': {
    blocks: [block('input', 'input'), ...Array.from({ length: 10 }, (_, i) => block(`b${i + 1}`, 'code', { code: `return input.n * ${i + 1}` })), block('output', 'output')],
    edges: Array.from({ length: 10 }, (_, i) => [
      { source: 'input', target: `b${i + 1}` },
      { source: `b${i + 1}`, target: 'output' },
    ]).flat(),
  },
};

async function api(url: string, method: string, body?: unknown) {
  const res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
  return res.json();
}

async function load(url: string, requests: number, concurrency: number) {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requests) {
        next++;
        const t = performance.now();
        const res = await fetch(url, { method: 'POST', headers, body: '{"input":{"n":1}}' });
        const body = await res.json();
        if (body.status !== 'completed') throw new Error(`execution ${body.status}: ${JSON.stringify(body.error)}`);
        latencies.push(performance.now() - t);
      }
    }),
  );
  return { latencies, seconds: (performance.now() - started) / 1000 };
}

async function main() {
  buildIfStale();
  const server = await startServer(PORT, tempDataDir());
  try {
    console.log('POST /execute against the production server (embedded PGlite)');
    for (const [name, graph] of Object.entries(workflows)) {
      const { id } = await api(`${server.url}/api/workflows`, 'POST', { name });
      await api(`${server.url}/api/workflows/${id}/graph`, 'PUT', graph);
      const url = `${server.url}/api/workflows/${id}/execute`;
      await load(url, 5, 1); // warm-up
      for (const concurrency of [1, 10]) {
        const requests = concurrency === 1 ? 50 : 200;
        const { latencies, seconds } = await load(url, requests, concurrency);
        console.log(`${summarize(`${name}, concurrency ${concurrency}`, latencies)}  ${(requests / seconds).toFixed(1)} req/s`);
      }
    }

    const { id } = await api(`${server.url}/api/workflows`, 'POST', { name: 'sse' });
    await api(`${server.url}/api/workflows/${id}/graph`, 'PUT', workflows['1 block']);
    const firstEvent: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t = performance.now();
      const res = await fetch(`${server.url}/api/workflows/${id}/execute/stream`, { method: 'POST', headers, body: '{"input":{"n":1}}' });
      const reader = res.body!.getReader();
      await reader.read();
      firstEvent.push(performance.now() - t);
      while (!(await reader.read()).done) {
        // drain to the end of the run
      }
    }
    console.log(summarize('request to first SSE event (execute/stream)', firstEvent.slice(3)));
  } finally {
    await stopServer(server);
  }
}

await main();
