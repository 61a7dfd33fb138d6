import { afterAll, describe, expect, it } from 'vitest';
import { disposeSandboxPool, runInSandbox } from '.';
import { POOL } from './limits';

// Sandbox processes are shared fairly between workspaces: one workspace's endless loops hold at most its share,
// so another workspace's code still gets a process at once.

afterAll(() => disposeSandboxPool());

describe('sharing the sandbox between workspaces', () => {
  it("runs workspace B's code while workspace A's endless loops fill A's share", async () => {
    const stop = new AbortController();
    let queuedForA = 0;
    let spinningForA = 0;
    const loops = Array.from({ length: POOL.maxWorkers }, () =>
      runInSandbox({
        code: 'console.log("spinning"); while (true) {}',
        timeoutMs: 20_000,
        tenant: 'workspace-a',
        signal: stop.signal,
        onQueued: () => queuedForA++,
        onConsole: () => spinningForA++,
      }).then(
        () => 'a finished',
        () => 'a stopped',
      ),
    );
    await expect.poll(() => spinningForA, { timeout: 20_000 }).toBe(POOL.maxWorkers / 2);
    // Time for any further process to start and take another of A's loops, if A were allowed more than its share.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const answer = runInSandbox({ code: 'return 40 + 2', tenant: 'workspace-b' }).then((result) => result.value);
    // B's answer comes first: none of A's loops has ended (they run until their 20 s timeout or the abort).
    const first = await Promise.race([answer, ...loops]);
    expect(first).toBe(42);
    expect(spinningForA).toBe(POOL.maxWorkers / 2);
    // A's runs beyond its share wait for one of its own processes instead of taking them all.
    expect(queuedForA).toBeGreaterThanOrEqual(POOL.maxWorkers / 2);
    stop.abort();
    expect(await Promise.all(loops)).toEqual(loops.map(() => 'a stopped'));
  }, 60_000);
});
