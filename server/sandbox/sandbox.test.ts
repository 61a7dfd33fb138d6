import { afterAll, describe, expect, it } from 'vitest';
import { checkSyntax, disposeSandboxPool, ResultTooLargeError, runInSandbox, SandboxError, type ConsoleEntry } from '.';

afterAll(() => disposeSandboxPool());

async function failure(promise: Promise<unknown>): Promise<SandboxError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SandboxError);
  return error as SandboxError;
}

describe('code blocks (function mode)', () => {
  it('returns the value of `return`', async () => {
    expect((await runInSandbox({ code: 'return 1 + 2' })).value).toBe(3);
    expect((await runInSandbox({ code: 'return { list: [1, "two", null], ok: true }' })).value).toEqual({
      list: [1, 'two', null],
      ok: true,
    });
  });

  it('supports async/await', async () => {
    const { value } = await runInSandbox({ code: 'const x = await Promise.resolve(20); return x + 22' });
    expect(value).toBe(42);
  });

  it('waits for setTimeout', async () => {
    const started = Date.now();
    const { value } = await runInSandbox({
      code: 'await new Promise(r => setTimeout(r, 100)); return "done"',
    });
    expect(value).toBe('done');
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
  });

  it('passes extra arguments to timer callbacks and honours clearTimeout', async () => {
    const { value } = await runInSandbox({
      code: `
        const seen = [];
        const cancelled = setTimeout(() => seen.push('cancelled'), 5);
        clearTimeout(cancelled);
        await new Promise(r => setTimeout((a, b) => { seen.push(a + b); r(); }, 20, 'x', 'y'));
        return seen;`,
    });
    expect(value).toEqual(['xy']);
  });

  it('runs setInterval until clearInterval', async () => {
    const { value } = await runInSandbox({
      code: `
        let ticks = 0;
        await new Promise(r => { const id = setInterval(() => { if (++ticks === 3) { clearInterval(id); r(); } }, 5); });
        return ticks;`,
    });
    expect(value).toBe(3);
  });

  it('offers queueMicrotask', async () => {
    const { value } = await runInSandbox({
      code: 'const order = []; queueMicrotask(() => order.push("micro")); order.push("sync"); await null; return order',
    });
    expect(value).toEqual(['sync', 'micro']);
  });

  it('sees upstream outputs by block id and the execution input as `input`', async () => {
    const { value } = await runInSandbox({
      code: 'return `${input.name} scored ${score.output}, fetched ${fetch_data.items.length}`',
      scope: { input: { name: 'Ada' }, score: { output: 0.9 }, fetch_data: { items: [1, 2, 3] } },
    });
    expect(value).toBe('Ada scored 0.9, fetched 3');
  });

  it('gets copies of the scope, so changing them does not change the caller’s objects', async () => {
    const input = { list: [1] };
    const { value } = await runInSandbox({ code: 'input.list.push(2); return input.list', scope: { input } });
    expect(value).toEqual([1, 2]);
    expect(input.list).toEqual([1]);
  });

  it('keeps a scope value that is undefined as null', async () => {
    const { value } = await runInSandbox({ code: 'return missing === null', scope: { missing: undefined } });
    expect(value).toBe(true);
  });

  it('does not let a scope name replace a builtin or the console', async () => {
    const { value } = await runInSandbox({
      code: 'console.log("still works"); return Math.max(1, 2)',
      scope: { Math: 'shadow', console: 'shadow' },
    });
    expect(value).toBe(2);
  });

  it('returns null when the code returns nothing or undefined', async () => {
    expect((await runInSandbox({ code: 'const x = 1;' })).value).toBeNull();
    expect((await runInSandbox({ code: 'return undefined' })).value).toBeNull();
  });

  it('returns JSON: dates become strings, NaN null, undefined properties vanish', async () => {
    const { value } = await runInSandbox({
      code: 'return { when: new Date(0), nan: NaN, gone: undefined, list: [undefined] }',
    });
    expect(value).toEqual({ when: '1970-01-01T00:00:00.000Z', nan: null, list: [null] });
  });

  it('reports its duration', async () => {
    const result = await runInSandbox({ code: 'return 1' });
    expect(result.durationMs).toBeGreaterThan(0);
    expect(result.durationMs).toBeLessThan(5_000);
  });

  it('runs several pieces of code at once, more than there are sandbox processes', async () => {
    const runs = Array.from({ length: 10 }, (_, i) =>
      runInSandbox({ code: 'await new Promise(r => setTimeout(r, 30)); return n * n', scope: { n: i } }),
    );
    const values = (await Promise.all(runs)).map((r) => r.value);
    expect(values).toEqual(Array.from({ length: 10 }, (_, i) => i * i));
  });
});

describe('condition blocks (expression mode)', () => {
  it('evaluates an expression over upstream outputs', async () => {
    const scope = { score: { output: 0.7 } };
    expect((await runInSandbox({ code: 'score.output > 0.5', mode: 'expression', scope })).value).toBe(true);
    expect((await runInSandbox({ code: 'score.output > 0.9', mode: 'expression', scope })).value).toBe(false);
  });

  it('accepts a multi-line expression', async () => {
    const { value } = await runInSandbox({ code: '[1, 2, 3]\n  .map(x => x * 2)\n  .includes(6)', mode: 'expression' });
    expect(value).toBe(true);
  });

  it('rejects statements and empty expressions as syntax errors', async () => {
    expect((await failure(runInSandbox({ code: 'let x = 1', mode: 'expression' }))).code).toBe('syntax_error');
    expect((await failure(runInSandbox({ code: '  ', mode: 'expression' }))).message).toBe('The expression is empty');
    expect((await failure(runInSandbox({ code: 'score.output >', mode: 'expression' }))).message).toBe(
      'SyntaxError: Unexpected end of input (line 1)',
    );
  });
});

describe('console', () => {
  it('captures every level with a timestamp and formats values like Node', async () => {
    const { console } = await runInSandbox({
      code: `
        console.log('plain', 42, true, null, undefined);
        console.info({ a: 1, b: 'x', nested: { deep: { deeper: { deepest: 1 } } } });
        console.warn([1, 'two', [3]]);
        console.error(new Map([['k', 1]]), new Set([1]));
        console.debug('%s has %d items', 'cart', 3);
        console.log(function named() {}, Symbol('s'), 10n, -0);`,
    });
    expect(console.map((e) => [e.level, e.message])).toEqual([
      ['log', 'plain 42 true null undefined'],
      ['info', "{ a: 1, b: 'x', nested: { deep: { deeper: [Object] } } }"],
      ['warn', "[ 1, 'two', [ 3 ] ]"],
      ['error', "Map(1) { 'k' => 1 } Set(1) { 1 }"],
      ['debug', 'cart has 3 items'],
      ['log', '[Function: named] Symbol(s) 10n -0'],
    ]);
    for (const entry of console) expect(new Date(entry.at).toISOString()).toBe(entry.at);
  });

  it('prints errors with their stack and survives circular and hostile values', async () => {
    const { console } = await runInSandbox({
      code: `
        const loop = { name: 'loop' }; loop.self = loop;
        console.log(loop);
        console.log(new Proxy({}, { ownKeys() { throw new Error('trap'); } }));
        console.log(new TypeError('bad thing'));`,
    });
    expect(console[0].message).toBe("{ name: 'loop', self: [Circular] }");
    expect(console[1].message).toBe('[a value that could not be printed]');
    expect(console[2].message).toMatch(/^TypeError: bad thing\n\s+at code\.js:5:/);
  });

  it('delivers each entry to onConsole as it happens, in order, before the result', async () => {
    const seen: ConsoleEntry[] = [];
    let seenWhenFirstTimerFired = -1;
    const result = await runInSandbox({
      code: `
        for (let i = 0; i < 50; i++) console.log('line ' + i);
        await new Promise(r => setTimeout(r, 50));
        console.log('after wait');
        return 'ok';`,
      onConsole: (entry) => {
        seen.push(entry);
        if (entry.message === 'line 49') {
          setTimeout(() => {
            seenWhenFirstTimerFired = seen.length;
          }, 10);
        }
      },
    });
    expect(seen).toEqual(result.console);
    expect(seen.map((e) => e.message)).toEqual([...Array.from({ length: 50 }, (_, i) => `line ${i}`), 'after wait']);
    // The first 50 lines arrived while the code was still waiting, not all at the end.
    expect(seenWhenFirstTimerFired).toBe(50);
  });

  it('keeps going when the onConsole listener throws', async () => {
    const result = await runInSandbox({
      code: 'console.log("a"); console.log("b"); return 1',
      onConsole: () => {
        throw new Error('listener broke');
      },
    });
    expect(result.value).toBe(1);
    expect(result.console.map((e) => e.message)).toEqual(['a', 'b']);
  });

  it('caps the number of entries and the size of each message', async () => {
    const { console, value } = await runInSandbox({
      code: 'for (let i = 0; i < 5000; i++) console.log(i); console.log("x".repeat(50000)); return "finished"',
    });
    expect(value).toBe('finished');
    expect(console).toHaveLength(1001);
    expect(console[999].message).toBe('999');
    expect(console[1000]).toMatchObject({ level: 'warn', message: expect.stringContaining('truncated') });

    const long = await runInSandbox({ code: 'console.log("x".repeat(50000)); console.log({ big: "y".repeat(50000) })' });
    for (const entry of long.console) expect(entry.message.length).toBeLessThanOrEqual(10 * 1024);
    expect(long.console[0].message.startsWith('xxxx')).toBe(true);
  });

  it('keeps the console output of a run that fails', async () => {
    const error = await failure(runInSandbox({ code: 'console.log("before"); throw new Error("boom")' }));
    expect(error.console.map((e) => e.message)).toEqual(['before']);
  });
});

describe('errors', () => {
  it('reports a syntax error with its line, without running anything', async () => {
    const error = await failure(runInSandbox({ code: 'const a = 1;\nfoo bar' }));
    expect(error).toMatchObject({ code: 'syntax_error', message: "SyntaxError: Unexpected identifier 'bar' (line 2)", line: 2 });
  });

  it('says "Unexpected end of input" when a block is left open', async () => {
    expect(checkSyntax('if (x) {\n  return 1;')).toBe('SyntaxError: Unexpected end of input (line 2)');
  });

  it('checkSyntax compiles without running', () => {
    const started = Date.now();
    expect(checkSyntax('while (true) {}')).toBeNull();
    expect(checkSyntax('return await fetchThing()')).toBeNull();
    expect(checkSyntax('score.output > 0.5', 'expression')).toBeNull();
    expect(checkSyntax('return (', 'function')).toMatch(/^SyntaxError: /);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('checkSyntax rejects code that closes the wrapper function early', () => {
    expect(checkSyntax('}); (async function () {')).toMatch(/^SyntaxError: /);
    expect(checkSyntax('} + {')).toMatch(/^SyntaxError: /);
  });

  it('checkSyntax accepts await in expressions and reports deeply nested code instead of crashing', () => {
    expect(checkSyntax('await Promise.resolve(true)', 'expression')).toBeNull();
    expect(checkSyntax('('.repeat(100_000))).toMatch(/Maximum call stack size exceeded|SyntaxError/);
  });

  it('reports a thrown error with its name, message and line', async () => {
    const error = await failure(runInSandbox({ code: 'const x = 1;\n\nx();' }));
    expect(error).toMatchObject({ code: 'user_error', message: 'TypeError: x is not a function (line 3)', line: 3 });
  });

  it('reports the user’s own error message', async () => {
    const error = await failure(runInSandbox({ code: 'throw new Error("Order total must be positive")' }));
    expect(error.message).toBe('Error: Order total must be positive (line 1)');
  });

  it('reports thrown non-errors and custom error names', async () => {
    expect((await failure(runInSandbox({ code: 'throw "plain text"' }))).message).toBe('plain text');
    expect((await failure(runInSandbox({ code: 'throw { reason: "nope" }' }))).message).toBe("{ reason: 'nope' }");
    const custom = await failure(
      runInSandbox({ code: 'class ValidationError extends Error { name = "ValidationError" }\nthrow new ValidationError("bad")' }),
    );
    expect(custom.message).toBe('ValidationError: bad (line 2)');
  });

  it('fails the run when a timer callback throws', async () => {
    const error = await failure(
      runInSandbox({ code: 'setTimeout(() => { throw new RangeError("late") }, 5); await new Promise(r => setTimeout(r, 200))' }),
    );
    expect(error.message).toBe('RangeError: late (line 1)');
  });

  it('rejects results that are not JSON', async () => {
    const bigint = await failure(runInSandbox({ code: 'return { n: 10n }' }));
    expect(bigint.code).toBe('invalid_result');
    expect(bigint.message).toContain('BigInt');
    const circular = await failure(runInSandbox({ code: 'const a = {}; a.a = a; return a' }));
    expect(circular.code).toBe('invalid_result');
    expect(circular.message).toContain('circular');
    const fn = await failure(runInSandbox({ code: 'return () => 1' }));
    expect(fn.message).toBe('Code returned a function, which cannot be converted to JSON');
  });

  it('measures the result in UTF-8 bytes against the limit the caller sets', async () => {
    // 601 characters of JSON, 1202 bytes.
    const error = await runInSandbox({ code: 'return "é".repeat(600)', maxResultBytes: 1000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResultTooLargeError);
    expect(error).toMatchObject({ code: 'invalid_result', bytes: 1202, limitBytes: 1000 });
    expect((await runInSandbox({ code: 'return "é".repeat(400)', maxResultBytes: 1000 })).value).toBe('é'.repeat(400));
  });

  it('rejects results over 10 MB', async () => {
    const error = await failure(runInSandbox({ code: 'return "x".repeat(11 * 1024 * 1024)' }));
    expect(error.code).toBe('invalid_result');
    expect(error.message).toMatch(/more than the 10 MB limit/);
  });

  it('does not let a JSON-parsed __proto__ key re-parent the result', async () => {
    const { value } = await runInSandbox({ code: 'return JSON.parse(\'{"__proto__": {"admin": true}, "a": 1}\')' });
    expect(value).toEqual({ a: 1 });
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect((value as { admin?: boolean }).admin).toBeUndefined();
  });
});

describe('isolation between runs', () => {
  it('starts every run with fresh globals and builtins', async () => {
    await runInSandbox({
      code: 'globalThis.leak = "secret"; Object.prototype.polluted = 1; Array.prototype.push = null; JSON.parse = null;',
    });
    const { value } = await runInSandbox({
      code: 'return [typeof leak, ({}).polluted, typeof [].push, typeof JSON.parse]',
    });
    expect(value).toEqual(['undefined', null, 'function', 'function']);
  });

  it('starts every run with fresh globals when its context was prepared ahead, while the child waited', async () => {
    const pollute = 'globalThis.leak = "secret"; Object.prototype.polluted = 1; Array.prototype.push = null; return 0';
    const check = 'return [typeof leak, ({}).polluted, typeof [].push]';
    for (let i = 0; i < 3; i++) {
      await runInSandbox({ code: pollute });
      // Time for the child to prepare the next context after this run.
      await new Promise((r) => setTimeout(r, 30));
      expect((await runInSandbox({ code: check })).value).toEqual(['undefined', null, 'function']);
      expect((await runInSandbox({ code: check })).value).toEqual(['undefined', null, 'function']);
    }
  });

  it('never runs timers of a finished run', async () => {
    const first = await runInSandbox({ code: 'setTimeout(() => console.log("late"), 20); return 1' });
    await new Promise((r) => setTimeout(r, 60));
    const second = await runInSandbox({ code: 'return 2' });
    expect(first.console).toEqual([]);
    expect(second.console).toEqual([]);
  });
});
