// Queue mode (WEFT_EXECUTION_MODE=queue) on a throwaway PostgreSQL database: throughput of the 10-code-block chain
// with 1, 2 and 4 worker processes, and what the queue adds to the latency of a 1-block workflow compared with
// running it inline (p50/p99). This process is the web instance; workers are `npm run worker` processes.
import { withPostgresDatabase } from './support/harness';
import { percentile } from './support/stats';

const CHAIN_EXECUTIONS = Number(process.env.BENCH_QUEUE_EXECUTIONS ?? 40);
const LATENCY_SAMPLES = Number(process.env.BENCH_QUEUE_SAMPLES ?? 100);

const code = (id: string, source: string) => ({ id, type: 'code', config: { code: source }, position: { x: 0, y: 0 } });
const io = (id: string, type: 'input' | 'output') => ({ id, type, config: {}, position: { x: 0, y: 0 } });

function chainGraph(length: number) {
  const ids = Array.from({ length }, (_, i) => `c${i + 1}`);
  const blocks = [io('input', 'input'), ...ids.map((id, i) => code(id, i === 0 ? 'return 1' : `return ${ids[i - 1]} + 1`)), io('output', 'output')];
  const order = ['input', ...ids, 'output'];
  const edges = order.slice(1).map((target, i) => ({ id: `e${i}`, source: order[i]!, target }));
  return { blocks, edges };
}

async function main() {
  await withPostgresDatabase('queue', async (url) => {
    process.env.DATABASE_URL = url;
    const { openDatabase, installDatabase, closeDatabase } = await import('../server/db');
    const { resetEnvForTests } = await import('../server/env');
    const { launchExecution } = await import('../server/services/executions/launch');
    const { startTestWorker } = await import('../server/test/workers');
    const { workerUtils } = await import('../server/queue/jobs');
    const database = await openDatabase({ kind: 'postgres', url });
    installDatabase(database);
    const workspace = await database.prisma.workspace.create({ data: { name: 'bench' } });
    const workflow = await database.prisma.workflow.create({ data: { workspaceId: workspace.id, name: 'queue', graph: chainGraph(1) } });
    const run = async (graph: ReturnType<typeof chainGraph>) => {
      const source = { graph, version: 1, versionId: null };
      const { done } = await launchExecution({ workspaceId: workspace.id, workflowId: workflow.id, source, trigger: 'api', input: {}, capMs: 120_000 });
      await done;
    };
    const latencies = async () => {
      const samples: number[] = [];
      for (let i = 0; i < LATENCY_SAMPLES; i++) {
        const started = performance.now();
        await run(chainGraph(1));
        samples.push(performance.now() - started);
      }
      return samples.sort((a, b) => a - b);
    };

    process.env.WEFT_EXECUTION_MODE = 'inline';
    resetEnvForTests();
    await run(chainGraph(1)); // warm-up: sandbox, caches
    const inline = await latencies();

    process.env.WEFT_EXECUTION_MODE = 'queue';
    resetEnvForTests();
    await workerUtils();
    const workers = [await startTestWorker(url, 8)];
    try {
      await run(chainGraph(1));
      const queued = await latencies();
      const f = (n: number) => n.toFixed(1);
      for (const p of [50, 99]) {
        const [a, b] = [percentile(inline, p), percentile(queued, p)];
        console.log(`1-block workflow p${p}: inline ${f(a)} ms, queue ${f(b)} ms, added by the queue ${f(b - a)} ms`);
      }
      for (const count of [1, 2, 4]) {
        while (workers.length < count) workers.push(await startTestWorker(url, 8));
        await Promise.all(workers.map(() => run(chainGraph(10)))); // warm every worker's sandbox
        const started = performance.now();
        await Promise.all(Array.from({ length: CHAIN_EXECUTIONS }, () => run(chainGraph(10))));
        const seconds = (performance.now() - started) / 1000;
        console.log(`10-code-block chain, ${count} worker(s) × concurrency 8: ${CHAIN_EXECUTIONS} executions in ${seconds.toFixed(2)} s = ${(CHAIN_EXECUTIONS / seconds).toFixed(1)}/s`);
      }
    } finally {
      await Promise.all(workers.map((worker) => worker.stop()));
      await closeDatabase();
    }
  });
}

// Dropping the database at the end terminates connections some pool may still hold idle; that is the end, not a failure.
process.on('uncaughtException', (error: Error & { code?: string }) => {
  if (error.code === '57P01') return;
  console.error(error);
  process.exit(1);
});
await main();
process.exit(0);
