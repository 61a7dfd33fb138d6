// How long a streamed LLM token takes from the provider to a person's browser: the time from a chunk leaving the
// stand-in provider's socket to its arrival, as an SSE `block_chunk` event, at an HTTP client.
//
// Path measured (the real one, in one process): stand-in provider (OpenAI Responses API over loopback HTTP) → AI SDK
// → llm block → engine emit → execution recorder and event hub → executionEventStream (the SSE formatter the API
// routes serve) → a node:http server → loopback → a fetch() client parsing the event stream. The database is PGlite
// in memory; the execution runs through launchExecution as an API call would start it. Prints figures, asserts
// nothing.
//
//   NODE_OPTIONS=--no-node-snapshot npx tsx bench/llm-chunk-latency.ts

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { startStandInProvider } from '@/server/test/llm-providers';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const CHUNKS_PER_RUN = Number(process.env.BENCH_CHUNKS ?? 200);
/** Pause between chunks at the provider; real models write a token every few milliseconds. */
const CHUNK_GAP_MS = Number(process.env.BENCH_CHUNK_GAP_MS ?? 2);
const KEY = 'sk-bench-0123456789abcdef';

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function summary(label: string, samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = sorted.reduce((sum, value) => sum + value, 0) / sorted.length;
  const f = (value: number) => `${value.toFixed(3)} ms`.padStart(11);
  return `${label.padEnd(34)} n=${String(sorted.length).padEnd(5)} p50 ${f(percentile(sorted, 50))}  p90 ${f(percentile(sorted, 90))}  p99 ${f(percentile(sorted, 99))}  max ${f(sorted.at(-1) ?? Number.NaN)}  mean ${f(mean)}`;
}

/** Reads an SSE stream to its end: when each `block_chunk` arrived, by its text. */
async function chunkArrivals(url: string): Promise<Map<string, number>> {
  const arrived = new Map<string, number>();
  const response = await fetch(url);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return arrived;
    const now = performance.now();
    buffer += decoder.decode(value, { stream: true });
    let boundary: number;
    while ((boundary = buffer.indexOf('\n\n')) !== -1) {
      const block = buffer.slice(0, boundary);
      buffer = buffer.slice(boundary + 2);
      const type = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (type === 'block_chunk' && data) arrived.set((JSON.parse(data) as { chunk: string }).chunk, now);
    }
  }
}

async function main() {
  const provider = await startStandInProvider({ apiKey: KEY });
  // Before anything reads the environment.
  process.env.OPENAI_API_KEY = KEY;
  process.env.OPENAI_BASE_URL = provider.baseUrl;
  process.env.WEFT_DEFAULT_PROVIDER = 'openai';

  const { openDatabase, installDatabase, closeDatabase } = await import('../server/db');
  const { launchExecution } = await import('../server/services/executions/launch');
  const { executionEventStream, SSE_HEADERS } = await import('../server/services/execution-stream');
  const { executionRuntime } = await import('../server/services/executions/runtime');

  const openedAt = performance.now();
  const database = await openDatabase({ kind: 'pglite', dataDir: 'memory://' });
  installDatabase(database);
  console.log(`PGlite (memory://) opened and migrated in ${Math.round(performance.now() - openedAt)} ms`);

  const graph = {
    blocks: [
      { id: 'input', type: 'input', config: {}, position: { x: 0, y: 0 } },
      { id: 'ask', type: 'llm', config: { model: 'openai/gpt-4o-mini', prompt: '{{input.text}}' }, position: { x: 0, y: 100 } },
      { id: 'output', type: 'output', config: { value: '{{ask.output}}' }, position: { x: 0, y: 200 } },
    ],
    edges: [
      { id: 'e1', source: 'input', target: 'ask' },
      { id: 'e2', source: 'ask', target: 'output' },
    ],
  };
  const workspace = await database.prisma.workspace.create({ data: { name: 'bench' } });
  const workflow = await database.prisma.workflow.create({ data: { workspaceId: workspace.id, name: 'chunk latency', graph } });

  // The SSE endpoint: what app/api/.../stream does with executionEventStream, on a plain node:http server.
  const sse = http.createServer((request, response) => {
    const executionId = new URL(request.url ?? '/', 'http://localhost').searchParams.get('execution') ?? '';
    response.writeHead(200, SSE_HEADERS);
    Readable.fromWeb(executionEventStream(executionId, 0) as import('node:stream/web').ReadableStream<Uint8Array>).pipe(response);
  });
  await new Promise<void>((resolve) => sse.listen(0, '127.0.0.1', resolve));
  const sseOrigin = `http://127.0.0.1:${(sse.address() as AddressInfo).port}`;

  const written = new Map<string, number>();
  provider.onTextWritten = (text, at) => written.set(text, at);

  const endToEnd: number[] = [];
  const providerToEmit: number[] = [];
  const emitToClient: number[] = [];
  let lost = 0;
  const loopDelay = monitorEventLoopDelay({ resolution: 1 });

  for (let run = 0; run <= RUNS; run++) {
    const warmup = run === 0;
    if (run === 1) loopDelay.enable();
    const pieces = Array.from({ length: CHUNKS_PER_RUN }, (_, i) => `<${run}:${i}> `);
    provider.script({ text: pieces, delayMs: CHUNK_GAP_MS, usage: { input: 5, output: CHUNKS_PER_RUN } });
    const { id, done } = await launchExecution({
      workspaceId: workspace.id,
      workflowId: workflow.id,
      source: { graph: graph as never, version: 1, versionId: null },
      trigger: 'api',
      input: { text: 'go' },
      capMs: 60_000,
    });
    const emitted = new Map<string, number>();
    const live = executionRuntime().subscribe(id, 0, (event) => {
      if (event.type === 'block_chunk') emitted.set(event.chunk, performance.now());
    });

    const arrived = await chunkArrivals(`${sseOrigin}/?execution=${id}`);
    await done;
    live?.unsubscribe();

    if (warmup) continue;
    for (const piece of pieces) {
      const sent = written.get(piece);
      const at = arrived.get(piece);
      const inEngine = emitted.get(piece);
      if (sent === undefined || at === undefined || inEngine === undefined) {
        lost += 1;
        continue;
      }
      endToEnd.push(at - sent);
      providerToEmit.push(inEngine - sent);
      emitToClient.push(at - inEngine);
    }
  }

  console.log(
    `\nllm block chunk latency: ${RUNS} executions × ${CHUNKS_PER_RUN} chunks, ${CHUNK_GAP_MS} ms apart (one warm-up execution not counted)`,
  );
  console.log('measured: stand-in provider socket write → SSE client (fetch over loopback HTTP, executionEventStream, launchExecution, PGlite memory://)\n');
  console.log(summary('provider write → SSE client', endToEnd));
  console.log(summary('  provider write → engine emit', providerToEmit));
  console.log(summary('  engine emit → SSE client', emitToClient));
  loopDelay.disable();
  const ms = (ns: number) => `${(ns / 1e6).toFixed(1)} ms`;
  console.log(
    `\nevent loop delay while measuring: p50 ${ms(loopDelay.percentile(50))}, p99 ${ms(loopDelay.percentile(99))}, max ${ms(loopDelay.max)} ` +
      '(PGlite runs in this thread, so the recorder\'s batched event inserts hold up delivery while they run)',
  );
  if (lost > 0) console.log(`\n${lost} chunks were not seen at every stage`);

  sse.close();
  await provider.close();
  await closeDatabase();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
