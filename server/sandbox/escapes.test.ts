import { types } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { disposeSandboxPool, runInSandbox, SandboxError, type SandboxRunOptions } from '.';

afterAll(() => disposeSandboxPool());

/** Values whose presence in a result would mean the code saw something of the host. */
const HOST_MARKERS = ['/work/', 'node:internal', 'node_modules', 'isolated-vm', process.cwd(), 'NODE_OPTIONS'];

type Contained = { value: unknown } | { error: SandboxError };

/**
 * Runs an escape attempt. It must end with a SandboxError (of an expected code) or a harmless JSON value; any
 * other rejection (a host error) fails the test.
 */
async function attempt(options: SandboxRunOptions): Promise<Contained> {
  const outcome = await runInSandbox({ timeoutMs: 1_000, ...options }).then(
    (result) => ({ value: result.value }),
    (error: unknown) => {
      expect(error).toBeInstanceOf(SandboxError);
      return { error: error as SandboxError };
    },
  );
  if ('value' in outcome) {
    const json = JSON.stringify(outcome.value) ?? '';
    for (const marker of HOST_MARKERS) expect(json).not.toContain(marker);
  }
  return outcome;
}

async function userError(code: string, message: RegExp): Promise<void> {
  const outcome = await attempt({ code });
  expect('error' in outcome && outcome.error.code).toBe('user_error');
  if ('error' in outcome) expect(outcome.error.message).toMatch(message);
}

/** Code that must end by its 200 ms timeout, promptly, instead of hanging the host. */
async function timesOut(code: string): Promise<void> {
  const started = Date.now();
  const outcome = await attempt({ code, timeoutMs: 200 });
  expect('error' in outcome && outcome.error.code).toBe('timeout');
  expect(Date.now() - started).toBeLessThan(1_500);
}

const notDefined = (name: string) => new RegExp(`^ReferenceError: ${name} is not defined`);

describe('escape attempts fail safely', () => {
  it('1. this.constructor.constructor("return process")()', async () => {
    await userError('return this.constructor.constructor("return process")()', notDefined('process'));
  });

  it('2. ({}).constructor.constructor("return this")().process', async () => {
    expect(await attempt({ code: 'return ({}).constructor.constructor("return this")().process' })).toEqual({ value: null });
  });

  it('3. Function("return process")()', async () => {
    await userError('return Function("return process")()', notDefined('process'));
  });

  it('4. require("fs")', async () => {
    await userError('return require("fs").readFileSync("/etc/passwd", "utf8")', notDefined('require'));
  });

  it('5. dynamic import("fs")', async () => {
    const outcome = await attempt({ code: 'const fs = await import("fs"); return typeof fs.readFileSync' });
    expect('error' in outcome && outcome.error.code).toBe('user_error');
  });

  it('6. process.env and globalThis.process', async () => {
    await userError('return process.env', notDefined('process'));
    expect(await attempt({ code: 'return [typeof globalThis.process, typeof global, typeof module, typeof Buffer]' })).toEqual({
      value: ['undefined', 'undefined', 'undefined', 'undefined'],
    });
  });

  it('7. eval("process") and indirect eval', async () => {
    await userError('return eval("process")', notDefined('process'));
    await userError('return (0, eval)("process.exit()")', notDefined('process'));
  });

  it('8. a global object with nothing of the host on it', async () => {
    const outcome = await attempt({ code: 'return Object.getOwnPropertyNames(globalThis)' });
    expect('value' in outcome).toBe(true);
    const names = (outcome as { value: string[] }).value;
    for (const name of ['process', 'require', 'module', 'Buffer', 'ivm', '_ivm', 'global', 'WebAssembly']) {
      expect(names).not.toContain(name);
    }
  });

  it('9. polluting prototypes through scope objects reaches neither the host nor the next run', async () => {
    await attempt({
      code: 'input.__proto__.polluted = 1; Object.prototype.hacked = 1; input.constructor.prototype.owned = 1; return 1',
      scope: { input: { a: 1 } },
    });
    const host = {} as Record<string, unknown>;
    expect(host.polluted).toBeUndefined();
    expect(host.hacked).toBeUndefined();
    expect(host.owned).toBeUndefined();
    expect(await attempt({ code: 'return [({}).polluted, ({}).hacked, ({}).owned]' })).toEqual({ value: [null, null, null] });
  });
});

describe('returned values and errors that try to reach the host', () => {
  it('10. a returned object whose getter throws', async () => {
    const outcome = await attempt({ code: 'return { get secret() { throw new Error("getter ran") } }' });
    expect('error' in outcome && outcome.error.code).toBe('invalid_result');
    expect('error' in outcome && outcome.error.message).toContain('getter ran');
  });

  it('11. a returned object whose getter runs code: it runs in the sandbox, the host gets plain data', async () => {
    const outcome = await runInSandbox({
      code: 'return { get value() { console.log("getter ran inside"); return 42 } }',
    });
    expect(outcome.value).toEqual({ value: 42 });
    expect(Object.getOwnPropertyDescriptor(outcome.value as object, 'value')).toMatchObject({ value: 42 });
    expect(outcome.console.map((e) => e.message)).toEqual(['getter ran inside']);
  });

  it('12. a returned object whose toJSON loops forever times out instead of hanging the host', async () => {
    await timesOut('return { toJSON() { for (;;) {} } }');
  });

  it('13. Error.prepareStackTrace sees only sandbox frames', async () => {
    const outcome = await attempt({
      code: `
        Error.prepareStackTrace = (error, frames) => frames.map(f => [String(f.getFileName()), typeof f.getThis(), typeof f.getFunction()]);
        const frames = new Error('probe').stack;
        return frames;`,
    });
    expect('value' in outcome).toBe(true);
    for (const [file, self] of (outcome as { value: string[][] }).value) {
      // Native frames (`new Promise`) have no file; strict sandbox frames hide their receiver.
      expect(['code.js', 'sandbox.js', 'null']).toContain(file);
      if (file === 'sandbox.js') expect(self).toBe('undefined');
    }
  });

  it('14. Error.prepareStackTrace on a thrown error does not leak into the host message', async () => {
    const outcome = await attempt({
      code: 'Error.prepareStackTrace = () => { throw new Error("nested") }; throw new Error("outer")',
    });
    expect('error' in outcome && outcome.error.message).toBe('Error: outer');
  });

  it('15. Symbol.species tricks on returned arrays', async () => {
    const outcome = await attempt({
      code: `
        class Evil extends Array { static get [Symbol.species]() { return function () { return new Proxy({}, { get() { return process } }) } } }
        return Evil.from([1, 2, 3]).map(x => x)`,
    });
    if ('error' in outcome) expect(['user_error', 'invalid_result']).toContain(outcome.error.code);
  });

  it('16. a Proxy returned as the result arrives as plain data (or not at all)', async () => {
    const lying = await attempt({
      code: 'return new Proxy({}, { ownKeys: () => ["a"], getOwnPropertyDescriptor: () => ({ value: 1, enumerable: true, configurable: true }), get: (_, k) => k === "toJSON" ? undefined : "from trap" })',
    });
    expect(lying).toEqual({ value: { a: 'from trap' } });
    expect(types.isProxy((lying as { value: unknown }).value)).toBe(false);
    const throwing = await attempt({ code: 'return new Proxy({}, { ownKeys() { throw new Error("trap") } })' });
    expect('error' in throwing && throwing.error.code).toBe('invalid_result');
  });
});

describe('resource abuse ends cleanly', () => {
  it('17. catastrophic regex backtracking (ReDoS) ends by timeout', async () => {
    await timesOut('return /(a+)+$/.test("a".repeat(40) + "!")');
  });

  it('18. endless recursion is a RangeError of the user', async () => {
    await userError('function f() { f() }\nf()', /^RangeError: Maximum call stack size exceeded \(line 1\)$/);
  });

  it('19. a huge string and a huge array are refused', async () => {
    await userError('return "x".repeat(2 ** 29).length', /^RangeError: Invalid string length/);
    await userError('return new Array(2 ** 32).length', /^RangeError: Invalid array length/);
  });

  it('20. SharedArrayBuffer and Atomics.wait cannot block the thread', async () => {
    expect(await attempt({ code: 'return typeof SharedArrayBuffer' })).toEqual({ value: 'undefined' });
    await userError('Atomics.wait(new Int32Array(4), 0, 0)', /^TypeError: /);
  });

  it('21. WebAssembly is not available (its memory would escape the limit)', async () => {
    expect(await attempt({ code: 'return typeof WebAssembly' })).toEqual({ value: 'undefined' });
    await userError('new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]))', notDefined('WebAssembly'));
  });

  it('22. setTimeout with a string is refused and never evaluated', async () => {
    await userError('setTimeout("globalThis.hacked = 1", 0)', /^TypeError: The "callback" argument must be of type function/);
    expect((globalThis as Record<string, unknown>).hacked).toBeUndefined();
  });
});

describe('the sandbox’s own functions and syntax give nothing away', () => {
  it('23. the constructors of setTimeout and console.log are the sandbox’s own Function', async () => {
    await userError('return setTimeout.constructor("return process")()', notDefined('process'));
    await userError('return console.log.constructor("return process")()', notDefined('process'));
    await userError('return queueMicrotask.constructor.constructor("return require")()', notDefined('require'));
  });

  it('24. caller and arguments of the sandbox functions are off limits', async () => {
    // The user's function was called by the strict prelude: V8 refuses to hand out its caller.
    await userError('return String(arguments.callee.caller)', /^TypeError: 'caller', 'callee', and 'arguments' properties/);
    await userError('return setTimeout.caller', /^TypeError: /);
    await userError('return console.log.arguments', /^TypeError: /);
  });

  it('25. replacing JSON.stringify and Promise.prototype.then does not change what the host receives', async () => {
    const outcome = await attempt({
      code: 'JSON.stringify = () => "{\\"forged\\":true}"; Promise.prototype.then = function () { return 42 }; return { real: true }',
    });
    expect(outcome).toEqual({ value: { real: true } });
  });

  it('26. new Error().stack names no host file', async () => {
    const outcome = await attempt({ code: 'return new Error("where am I").stack' });
    expect((outcome as { value: string }).value).toMatch(/at code\.js:1:/);
  });

  it('27. breaking out of the function wrapper is a syntax error', async () => {
    const outcome = await attempt({ code: '}); globalThis.escaped = 1; (async function () {' });
    expect('error' in outcome && outcome.error.code).toBe('syntax_error');
  });

  it('28. import.meta and static imports are syntax errors', async () => {
    for (const code of ['return import.meta.url', 'import fs from "fs"']) {
      const outcome = await attempt({ code });
      expect('error' in outcome && outcome.error.code).toBe('syntax_error');
    }
  });

  it('29. FinalizationRegistry cannot schedule code after the run', async () => {
    await userError('new FinalizationRegistry(() => {})', notDefined('FinalizationRegistry'));
  });

  it('30. a flood of intervals ends with the run', async () => {
    const outcome = await attempt({ code: 'for (let i = 0; i < 500; i++) setInterval(() => console.log("tick"), 1); return "left running"' });
    expect(outcome).toEqual({ value: 'left running' });
    expect(await attempt({ code: 'await new Promise(r => setTimeout(r, 30)); return "quiet"' })).toEqual({ value: 'quiet' });
  });

  it('the host stays untouched after all of the above', () => {
    const probe = {} as Record<string, unknown>;
    expect(probe.polluted).toBeUndefined();
    expect(probe.hacked).toBeUndefined();
    expect((globalThis as Record<string, unknown>).escaped).toBeUndefined();
    expect(typeof process.exit).toBe('function');
  });
});
