// The sandbox round trip alone: one small code block's run (`return { counter: input.counter + 1 }`) from
// runInSandbox to its value, sequentially and 10 at a time, with the CPU it costs this process and the sandbox
// children (from /proc) per run.
import { disposeSandboxPool, runInSandbox } from '../server/sandbox';
import { ownCpuMs, treeCpuMs } from './support/proc';
import { summarize } from './support/stats';

const RUNS = Number(process.env.BENCH_RUNS ?? 1000);

async function measure(label: string, concurrency: number, code: (i: number) => string, pauseMs = 0) {
  const latencies: number[] = [];
  let next = 0;
  const [tree, own] = [treeCpuMs(process.pid), ownCpuMs(process.pid)];
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < RUNS) {
        const i = next++;
        const t = performance.now();
        await runInSandbox({ code: code(i), scope: { input: { counter: i } }, tenant: `t${i % 2}` });
        latencies.push(performance.now() - t);
        if (pauseMs) await new Promise((resolve) => setTimeout(resolve, pauseMs));
      }
    }),
  );
  const host = (ownCpuMs(process.pid) - own) / RUNS;
  const children = (treeCpuMs(process.pid) - tree) / RUNS - host;
  console.log(`${summarize(label, latencies)}  CPU/run: host ${host.toFixed(2)} ms, sandbox ${children.toFixed(2)} ms`);
}

const same = () => 'return { counter: input.counter + 1 }';
// A different text each run: what a cache per code text cannot help.
const distinct = (i: number) => `return { counter: input.counter + ${i} }`;

// The pool's idle children do not keep a process alive (a server has its listener for that); this script does.
const keepAlive = setInterval(() => undefined, 1_000);
await measure('warm-up', 4, same);
// As in a chain of code blocks, where the engine records each block before it runs the next.
await measure('same code, concurrency 1, 2 ms between runs', 1, same, 2);
for (const concurrency of [1, 10]) {
  await measure(`same code, concurrency ${concurrency}`, concurrency, same);
  await measure(`distinct code, concurrency ${concurrency}`, concurrency, distinct);
}
await disposeSandboxPool();
clearInterval(keepAlive);
