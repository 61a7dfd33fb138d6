import { afterAll, describe, expect, it } from 'vitest';
import { disposeSandboxPool } from '../sandbox';
import { block, edge, graph, inputBlock, outputBlock } from '@/server/test/graphs';
import type { Graph } from '@/lib/graph/schema';
import { runGraph, type GraphResult } from './run-graph';

// The abuse battery: escapes and abuse that public advisories of similar products describe (expression and code-node
// escapes, prototype pollution across runs, timers, huge values), tried through the three ways user text becomes
// behaviour — code blocks, condition expressions and templates — on the real engine and sandbox. Each case must end
// (no hang), fail as the user's own error or succeed harmlessly, and leave nothing of the host in what it returns;
// after the battery the host and the next run are untouched.

afterAll(() => disposeSandboxPool());

/** Text whose presence in a result would mean user code saw something of the host. */
const HOST_MARKERS = ['/work/', 'node:internal', 'node_modules', 'isolated-vm', process.cwd(), 'NODE_OPTIONS', 'PATH='];
/** Errors that are the user's (or a limit's), never the host failing (`internal_error`, `code_internal`). */
const CONTAINED_ERROR_CODE = /^(code_(user_error|timeout|memory_limit|invalid_result|syntax_error)|block_timeout|output_too_large)$/;

async function run(g: Graph, input: Record<string, unknown> = {}): Promise<GraphResult> {
  return runGraph({
    executionId: 'battery',
    workspaceId: 'ws',
    graph: g,
    input,
    signal: new AbortController().signal,
    emit: () => {},
    onBlockFinished: async () => {},
    credential: async () => null,
    describeWorkflow: async () => null,
    checkModelBudget: async () => null,
    mcpServer: async () => null,
    runWorkflow: async () => {
      throw new Error('no workflows in this test');
    },
  });
}

const short = { timeout_ms: 400 };
const throughCode = (source: string) =>
  graph([inputBlock(), block('code_1', 'code', { code: source, ...short }), outputBlock('output', { value: '{{code_1}}' })], [edge('input', 'code_1'), edge('code_1', 'output')]);
const throughCondition = (expression: string) =>
  graph(
    [inputBlock(), block('check', 'condition', { expression, ...short }), outputBlock('output', { value: '{{check}}' })],
    [edge('input', 'check'), edge('check', 'output', { sourceHandle: 'true' })],
  );
const throughTemplate = (template: unknown) =>
  graph(
    [inputBlock(), block('code_1', 'code', { code: 'return { list: [1, 2], text: "t", nested: { a: 1 } }' }), outputBlock('output', { value: template })],
    [edge('input', 'code_1'), edge('code_1', 'output')],
  );

function expectContained(result: GraphResult): void {
  expect(['completed', 'failed', 'cancelled']).toContain(result.status);
  if (result.error) expect(result.error.code, result.error.message).toMatch(CONTAINED_ERROR_CODE);
  const json = JSON.stringify({ output: result.output, error: result.error, outputs: result.blockOutputs }) ?? '';
  for (const marker of HOST_MARKERS) expect(json).not.toContain(marker);
}

const codeCases: [string, string][] = [
  ['this.constructor.constructor → process', 'return this.constructor.constructor("return process")().env'],
  ['sloppy-mode this', 'return (function () { return this })().process'],
  ['globalThis.process.mainModule', 'return globalThis.process?.mainModule?.require("fs")'],
  ['require child_process', 'return require("child_process").execSync("id").toString()'],
  ['dynamic import of child_process', 'return (await import("child_process")).execSync("id")'],
  ['Function → process.binding', 'return Function("return this")().process.binding("fs")'],
  ['new Function → process.exit', 'return new Function("return process")().exit(1)'],
  ['AsyncFunction constructor', 'return await (async () => {}).constructor("return process")()'],
  ['GeneratorFunction constructor', 'return (function* () {}).constructor("return process")().next()'],
  ['Reflect.construct(Function)', 'return Reflect.construct(Function, ["return process"])()'],
  ['Error prototype chain to Function', 'return new Error().__proto__.constructor.constructor("return process")()'],
  ['input prototype to Function', 'return Object.getPrototypeOf(input).constructor.constructor("return process")()'],
  ['input.constructor.constructor', 'return input.constructor.constructor("return process")().pid'],
  ['array constructor chain', 'return [].constructor.constructor("return process")()'],
  ['console.log constructor', 'return console.log.constructor("return process")()'],
  ['setTimeout constructor', 'return setTimeout.constructor("return process")()'],
  ['caught TypeError constructor chain', 'try { null.f() } catch (e) { return e.constructor.constructor("return process")() }'],
  ['eval of this', 'return eval("this").process'],
  ['indirect eval global', 'return (0, eval)("globalThis").process'],
  ['global names', 'return Object.getOwnPropertyNames(globalThis)'],
  ['fetch, XMLHttpRequest, WebSocket', 'return [typeof fetch, typeof XMLHttpRequest, typeof WebSocket, typeof navigator]'],
  ['WebAssembly', 'return typeof WebAssembly === "undefined" ? "absent" : WebAssembly.Module.name'],
  ['Atomics.wait on shared memory', 'Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0); return 1'],
  ['stack frames via prepareStackTrace', 'Error.prepareStackTrace = (e, frames) => frames.map((f) => String(f.getFileName())); return new Error().stack'],
  ['plain stack text', 'return new Error("x").stack'],
  ['thrown object with a hostile toString', 'throw { toString() { return String(typeof process) } }'],
  ['thrown Proxy error that loops on access', 'throw new Proxy(new Error("x"), { get() { while (true) {} } })'],
  ['console.log a getter', 'console.log({ get x() { return typeof process } }); return 1'],
  ['console.log a Proxy that throws on ownKeys', 'console.log(new Proxy({}, { ownKeys() { throw new Error("boom") } })); return 1'],
  ['console flood', 'for (let i = 0; i < 100000; i++) console.log("x".repeat(1000)); return 1'],
  ['returned toJSON reaching for process', 'return { toJSON() { return typeof process === "undefined" ? "safe" : process } }'],
  ['returned Proxy that throws', 'return new Proxy({}, { get() { throw new Error("no") } })'],
  ['returned Symbol', 'return Symbol("x")'],
  ['returned function', 'return () => 1'],
  ['returned BigInt', 'return 10n'],
  ['returned getter running code', 'return { get value() { return [typeof process, typeof require] } }'],
  ['JSON.parse replaced', 'JSON.parse = () => ({ hacked: true }); JSON.stringify = () => "{\\"hacked\\":true}"; return { a: 1 }'],
  ['Promise.prototype.then replaced', 'Promise.prototype.then = function () { return 42 }; return 1'],
  ['Object.prototype polluted', 'Object.prototype.polluted = "yes"; return 1'],
  ['Array.prototype.push replaced', 'Array.prototype.push = () => { throw new Error("push") }; return 1'],
  ['input.__proto__ polluted', 'input.__proto__.polluted = "yes"; return 1'],
  ['toJSON on Object.prototype', 'Object.defineProperty(Object.prototype, "toJSON", { get() { return () => "x" } }); return { a: 1 }'],
  ['Object.prototype frozen', 'Object.freeze(Object.prototype); return 1'],
  ['global input replaced', 'globalThis.input = 1; return 1'],
  ['busy loop', 'while (true) {}'],
  ['endless async loop', 'for (;;) await null'],
  ['promise that never settles', 'await new Promise(() => {})'],
  ['heap growth', 'const a = []; for (;;) a.push(new Array(1e6).fill(1))'],
  ['doubling string', 'let s = "x"; for (;;) s += s'],
  ['huge ArrayBuffer', 'return new ArrayBuffer(2 ** 31).byteLength'],
  ['endless recursion', 'function f() { return f() + 1 } return f()'],
  ['ReDoS', 'return /(a+)+$/.test("a".repeat(40) + "!")'],
  ['interval left running', 'setInterval(() => {}, 0); return 1'],
  ['timer flood', 'for (let i = 0; i < 100000; i++) setTimeout(() => {}, 1e6); return 1'],
  ['string timer', 'setTimeout("globalThis.x = process", 0); return 1'],
  ['microtask reaching for process', 'return await new Promise((r) => queueMicrotask(() => r(typeof process)))'],
  ['NUL and lone surrogate returned', 'return "a\\u0000b\\ud800c"'],
  ['import.meta', 'return import.meta.url'],
  ['breaking out of the wrapper', '}); process.exit(); (function () {'],
  ['FinalizationRegistry after the run', 'new FinalizationRegistry(() => { while (true) {} }).register({}, 1); return 1'],
];

const conditionCases: [string, string][] = [
  ['constructor chain', 'this.constructor.constructor("return process")()'],
  ['input constructor chain', 'input.constructor.constructor("return process")().exit()'],
  ['busy loop in an IIFE', '(() => { while (true) {} })()'],
  ['prototype pollution', '(Object.prototype.polluted = true)'],
  ['require', 'require("fs").existsSync("/")'],
  ['statement smuggled after the expression', 'true; process.exit()'],
];

const templateCases: [string, unknown][] = [
  ['__proto__ of an output', '{{ code_1.__proto__ }}'],
  ['constructor of an output', '{{ code_1.constructor }}'],
  ['constructor.constructor', '{{ code_1.nested.constructor.constructor }}'],
  ['quoted __proto__ key', '{{ code_1["__proto__"]["polluted"] }}'],
  ['toString of an output', 'text {{ code_1.toString }} end'],
  ['array length and prototype', '{{ code_1.list.length }}{{ code_1.list.__proto__ }}'],
  ['input with a JSON __proto__ key', { a: '{{ input.payload.__proto__.x }}', b: '{{ input.payload }}' }],
  ['template inside a key is left alone', { '{{ code_1.text }}': '{{ code_1.text }}' }],
];

describe('the abuse battery', () => {
  it.each(codeCases)('code: %s', async (_name, source) => {
    expectContained(await run(throughCode(source), { payload: JSON.parse('{"__proto__": {"x": 1}}') }));
  });

  it.each(conditionCases)('condition: %s', async (_name, expression) => {
    expectContained(await run(throughCondition(expression)));
  });

  it.each(templateCases)('template: %s', async (_name, template) => {
    const result = await run(throughTemplate(template), { payload: JSON.parse('{"__proto__": {"x": 1}}') });
    expectContained(result);
    expect(result.status).toBe('completed');
    expect(JSON.stringify(result.output) ?? '').not.toMatch(/function|\[native code\]/);
  });

  it('prints how many cases it tried', () => {
    const total = codeCases.length + conditionCases.length + templateCases.length;
    console.info(`abuse battery: ${total} cases (${codeCases.length} code, ${conditionCases.length} condition, ${templateCases.length} template)`);
    expect(total).toBeGreaterThanOrEqual(60);
  });

  it('leaves the host untouched and the next run clean', async () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.isFrozen(Object.prototype)).toBe(false);
    expect(JSON.parse('{"a":1}')).toEqual({ a: 1 });
    expect(typeof process.exit).toBe('function');
    const result = await run(
      throughCode('return [typeof ({}).polluted, [1, 2].map((x) => x * 2), JSON.parse("[3]"), Object.isFrozen(Object.prototype), typeof globalThis.x]'),
    );
    expect(result.output).toEqual(['undefined', [2, 4], [3], false, 'undefined']);
  });
});
