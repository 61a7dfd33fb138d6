import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disposeSandboxPool, runInSandbox, SandboxError, type SandboxRunOptions } from '.';

// The timing bounds below are about stopping code, not about starting a sandbox process: start one first.
beforeAll(() => runInSandbox({ code: 'return 1' }));
afterAll(() => disposeSandboxPool());

/** Runs code expected to fail; returns the error and how long the failure took. */
async function fails(options: SandboxRunOptions): Promise<{ error: SandboxError; ms: number }> {
  const started = Date.now();
  const error = await runInSandbox(options).then(
    (result) => {
      throw new Error(`expected a failure, got ${JSON.stringify(result.value)}`);
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SandboxError);
  return { error: error as SandboxError, ms: Date.now() - started };
}

/** The sandbox still answers normally (and quickly) after a failure. */
async function stillWorks(): Promise<void> {
  const result = await runInSandbox({ code: 'return [1, 2, 3].map(x => x * 2)' });
  expect(result.value).toEqual([2, 4, 6]);
}

describe('time limit', () => {
  it('stops a busy loop at the timeout', async () => {
    const { error, ms } = await fails({ code: 'while (true) {}', timeoutMs: 200 });
    expect(error.code).toBe('timeout');
    expect(error.message).toBe('Code timed out after 200 ms');
    expect(ms).toBeGreaterThanOrEqual(180);
    expect(ms).toBeLessThan(1_500);
    await stillWorks();
  });

  it('stops an endless async loop', async () => {
    const { error, ms } = await fails({ code: 'for (;;) await null;', timeoutMs: 200 });
    expect(error.code).toBe('timeout');
    expect(ms).toBeLessThan(1_500);
  });

  it('stops code waiting on a promise that never settles', async () => {
    const { error, ms } = await fails({ code: 'await new Promise(() => {})', timeoutMs: 200 });
    expect(error.code).toBe('timeout');
    expect(ms).toBeGreaterThanOrEqual(180);
    expect(ms).toBeLessThan(1_500);
  });

  it('stops a busy loop that a timer started after an await', async () => {
    const { error, ms } = await fails({
      code: 'await new Promise(r => setTimeout(r, 20)); while (true) {}',
      timeoutMs: 200,
    });
    expect(error.code).toBe('timeout');
    expect(ms).toBeLessThan(1_500);
  });

  it('stops an interval that never ends', async () => {
    const { error } = await fails({
      code: 'let n = 0; setInterval(() => { n++ }, 1); await new Promise(() => {})',
      timeoutMs: 200,
    });
    expect(error.code).toBe('timeout');
    await stillWorks();
  });

  it('keeps the host event loop responsive while sandboxed code spins', async () => {
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 10);
    try {
      const { error } = await fails({ code: 'while (true) {}', timeoutMs: 500 });
      expect(error.code).toBe('timeout');
    } finally {
      clearInterval(ticker);
    }
    expect(ticks).toBeGreaterThanOrEqual(20);
  });

  it('limits the number of pending timers', async () => {
    const { error } = await fails({ code: 'for (let i = 0; i < 5000; i++) setTimeout(() => {}, 60000)' });
    expect(error.code).toBe('user_error');
    expect(error.message).toMatch(/^Error: Too many pending timers: the limit is 1000/);
  });
});

describe('memory limit', () => {
  it('stops new Array(1e9).fill(1) and the next run works', async () => {
    const { error } = await fails({ code: 'new Array(1e9).fill(1)', memoryLimitMb: 32, timeoutMs: 3_000 });
    expect(error.code).toBe('memory_limit');
    expect(error.message).toBe('Code exceeded the 32 MB memory limit');
    await stillWorks();
  });

  it('stops a giant ArrayBuffer', async () => {
    const { error } = await fails({ code: 'const b = new ArrayBuffer(2 ** 31); return b.byteLength' });
    expect(error.code).toBe('memory_limit');
    expect(error.message).toBe('Code exceeded the 64 MB memory limit');
  });

  it.each<[string, SandboxRunOptions]>([
    ['a string that keeps doubling', { code: 'let s = "x"; for (;;) { s = s + s; s.charCodeAt(s.length - 1); }', memoryLimitMb: 32 }],
    ['a heap that grows object by object', { code: 'const a = []; for (;;) a.push({ n: a.length })', memoryLimitMb: 16 }],
    [
      'Array.from over a huge length (V8 thrashes at the limit until the timeout)',
      { code: 'return Array.from({ length: 1e8 }).length', memoryLimitMb: 16, timeoutMs: 1_500 },
    ],
  ])('stops %s and the next run works', async (_name, options) => {
    const { error } = await fails(options);
    expect(error.code).toBe('memory_limit');
    await stillWorks();
  });

  it('stops a scope too big for the limit (it is copied in with the run) and the next run works', async () => {
    const data = Array.from({ length: 400_000 }, (_, n) => ({ n, s: 'abc' }));
    const { error } = await fails({ code: 'return data.length', scope: { data }, memoryLimitMb: 8, timeoutMs: 5_000 });
    expect(error.code).toBe('memory_limit');
    await stillWorks();
  });

  it('calls a big but allowed heap that then loops a timeout, not a memory failure', async () => {
    const { error } = await fails({
      code: 'const s = "x".repeat(40 * 1024 * 1024); s.charCodeAt(5); while (true) {}',
      timeoutMs: 500,
    });
    expect(error.code).toBe('timeout');
  });
});

describe('cancellation', () => {
  it('stops a running piece of code promptly when aborted', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const { error, ms } = await fails({ code: 'while (true) {}', timeoutMs: 5_000, signal: controller.signal });
    expect(error.code).toBe('cancelled');
    expect(error.message).toBe('Code execution was cancelled');
    expect(ms).toBeLessThan(1_000);
    await stillWorks();
  });

  it('stops code that is waiting when aborted', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const { error, ms } = await fails({
      code: 'await new Promise(r => setTimeout(r, 5000))',
      timeoutMs: 10_000,
      signal: controller.signal,
    });
    expect(error.code).toBe('cancelled');
    expect(ms).toBeLessThan(1_000);
  });

  it('does not start when the signal is already aborted', async () => {
    const { error, ms } = await fails({ code: 'return 1', signal: AbortSignal.abort() });
    expect(error.code).toBe('cancelled');
    expect(ms).toBeLessThan(100);
  });

  it('cancels a run still waiting for a free sandbox', async () => {
    const busy = Array.from({ length: 4 }, () =>
      runInSandbox({ code: 'await new Promise(r => setTimeout(r, 300)); return "busy"' }),
    );
    const controller = new AbortController();
    const waiting = runInSandbox({ code: 'return "never"', signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const error = await waiting.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SandboxError);
    expect((error as SandboxError).code).toBe('cancelled');
    expect((await Promise.all(busy)).map((r) => r.value)).toEqual(['busy', 'busy', 'busy', 'busy']);
  });

  it('still runs the next code after many failures in a row', async () => {
    for (const code of ['while (true) {}', 'for (;;) await null;']) {
      const { error } = await fails({ code, timeoutMs: 100 });
      expect(error.code).toBe('timeout');
    }
    await stillWorks();
  });
});
