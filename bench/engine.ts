// Engine overhead per block: a chain of 100 code blocks and a chain of 100 conditions, run by the engine alone
// (no persistence) and as full executions persisted on PGlite and (when reachable) PostgreSQL. Overhead is the
// wall time of the run minus the time spent inside blocks, divided by the number of blocks.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { closeDatabase, installDatabase, openDatabase } from '../server/db';
import { runGraph } from '../server/engine/run-graph';
import type { Graph } from '@/lib/graph/schema';
import { disposeSandboxPool } from '../server/sandbox';
import { launchExecution } from '../server/services/executions/launch';
import { nothingOutside } from '../server/test/run-graph';
import { summarize } from './support/stats';

const BLOCKS = 100;
const RUNS = 5;

function chainOf(type: 'code' | 'condition'): Graph {
  const blocks: Graph['blocks'] = [{ id: 'input', type: 'input', config: {}, position: { x: 0, y: 0 } }];
  const edges: Graph['edges'] = [];
  let previous = 'input';
  for (let i = 1; i <= BLOCKS; i++) {
    const id = `b${i}`;
    const config: Record<string, string> = type === 'code' ? { code: `return ${previous};` } : { expression: 'true' };
    blocks.push({ id, type, config, position: { x: i * 10, y: 0 } });
    edges.push({ source: previous, target: id, ...(type === 'condition' && previous !== 'input' ? { sourceHandle: 'true' } : {}) });
    previous = id;
  }
  blocks.push({ id: 'output', type: 'output', config: {}, position: { x: 0, y: 0 } });
  edges.push({ source: previous, target: 'output', ...(type === 'condition' ? { sourceHandle: 'true' } : {}) });
  return { blocks, edges };
}

async function engineOnly(graph: Graph) {
  const inBlocks: number[] = [];
  const started = performance.now();
  await runGraph({
    executionId: 'bench',
    workspaceId: 'bench',
    graph,
    input: { n: 1 },
    signal: new AbortController().signal,
    emit: () => undefined,
    onBlockFinished: async (log) => void inBlocks.push(log.durationMs ?? 0),
    ...nothingOutside('not in this benchmark'),
  });
  const wall = performance.now() - started;
  return { wall, overheadPerBlock: (wall - inBlocks.reduce((a, b) => a + b, 0)) / graph.blocks.length };
}

async function persisted(graph: Graph, kind: string) {
  const database = await (async () => {
    if (kind === 'pglite') return openDatabase({ kind: 'pglite', dataDir: 'memory://' });
    const admin = new pg.Client({ connectionString: process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test' });
    await admin.connect();
    const name = `weft_bench_${randomBytes(4).toString('hex')}`;
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const url = new URL(process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test');
    url.pathname = `/${name}`;
    const db = await openDatabase({ kind: 'postgres', url: url.toString() });
    return {
      ...db,
      close: async () => {
        await db.close();
        const cleanup = new pg.Client({ connectionString: process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test' });
        await cleanup.connect();
        await cleanup.query(`DROP DATABASE "${name}" WITH (FORCE)`);
        await cleanup.end();
      },
    };
  })();
  installDatabase(database);
  const workspace = await database.prisma.workspace.create({ data: { name: 'bench' } });
  const workflow = await database.prisma.workflow.create({ data: { workspaceId: workspace.id, name: 'bench', graph: graph as never } });
  const results: { wall: number; overheadPerBlock: number }[] = [];
  for (let run = 0; run <= RUNS; run++) {
    const started = performance.now();
    const { id, done } = await launchExecution({ workspaceId: workspace.id, workflowId: workflow.id, source: { graph, version: 1, versionId: null }, trigger: 'api', input: { n: 1 }, capMs: 600_000 });
    await done;
    const wall = performance.now() - started;
    const logs = await database.prisma.blockLog.findMany({ where: { executionId: id }, select: { durationMs: true } });
    if (run > 0) results.push({ wall, overheadPerBlock: (wall - logs.reduce((a, l) => a + (l.durationMs ?? 0), 0)) / graph.blocks.length });
  }
  await closeDatabase();
  return results;
}

async function main() {
  console.log(`engine overhead per block (chains of ${BLOCKS} blocks, ${RUNS} runs each after a warm-up)`);
  for (const type of ['code', 'condition'] as const) {
    const graph = chainOf(type);
    await engineOnly(graph); // warm the sandbox pool
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await engineOnly(graph));
    console.log(summarize(`${type} chain, engine only: overhead per block`, runs.map((r) => r.overheadPerBlock)));
    console.log(summarize(`${type} chain, engine only: whole run`, runs.map((r) => r.wall)));
    for (const kind of ['pglite', 'postgres']) {
      try {
        const results = await persisted(graph, kind);
        console.log(summarize(`${type} chain, persisted on ${kind}: overhead per block`, results.map((r) => r.overheadPerBlock)));
        console.log(summarize(`${type} chain, persisted on ${kind}: whole run`, results.map((r) => r.wall)));
      } catch (error) {
        console.log(`${type} chain, persisted on ${kind}: skipped (${(error as Error).message})`);
      }
    }
  }
  await disposeSandboxPool();
}

await main();
