import { loadIsolatedVm, type Isolate, type Reference } from './load-isolated-vm.mjs';
import { CODE_FILENAME, MAX_CODE_CHARS } from './limits';
import { TextMemo } from '../memo';

/** `function`: the code is the body of an async function. `expression`: the code is one JS expression. */
export type SandboxMode = 'function' | 'expression';

export interface SyntaxProblem {
  message: string;
  line?: number;
}

/**
 * The script the sandbox compiles for the user's code. The first line of the code shares line 1 with the wrapper's
 * head, so line numbers in errors and stack traces are the user's own.
 */
export function wrapCode(code: string, mode: SandboxMode): string {
  return mode === 'expression' ? `(async function () {return (${code}\n)})` : `(async function () {${code}\n})`;
}

/** The same code as a function body, as the Function constructor sees it. */
function functionBody(code: string, mode: SandboxMode): string {
  return mode === 'expression' ? `return (${code}\n)` : code;
}

function countLines(code: string): number {
  return code.split(/\r\n|[\n\r\u2028\u2029]/).length;
}

const POSITION_SUFFIX = / \[([^\]]*):(\d+):(\d+)\]$/;

/**
 * Turns a compile error of the wrapped code into the user's terms: "SyntaxError: Unexpected identifier 'bar'
 * (line 2)". An error located in the wrapper's closing lines means the code ended too early.
 */
export function describeSyntaxError(name: string, rawMessage: string, code: string): SyntaxProblem {
  let text = rawMessage;
  let line: number | undefined;
  const position = POSITION_SUFFIX.exec(rawMessage);
  if (position) {
    text = rawMessage.slice(0, position.index);
    if (position[1] === CODE_FILENAME) line = Number(position[2]);
  }
  if (line !== undefined) {
    const lines = countLines(code);
    if (line > lines) {
      text = 'Unexpected end of input';
      line = lines;
    }
  }
  const head = `${name || 'SyntaxError'}: ${text}`;
  return { message: line === undefined ? head : `${head} (line ${line})`, line };
}

interface Checker {
  isolate: Isolate;
  construct: Reference;
}

let checker: Checker | null = null;

/** A small isolate in this process that only ever compiles code; nothing it compiles is ever called. */
function getChecker(): Checker {
  if (checker && !checker.isolate.isDisposed) return checker;
  const isolate = new (loadIsolatedVm().ivm.Isolate)({ memoryLimit: 128 });
  const context = isolate.createContextSync();
  // The Function constructor checks that the body stands alone, so `}); other(); (function () {` is rejected
  // instead of being accepted as a function followed by more code.
  const construct = context.evalSync('(function (body) { new ((async function () {}).constructor)(body); })', {
    reference: true,
  });
  checker = { isolate, construct };
  return checker;
}

function errorParts(error: unknown): { name: string; message: string } {
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'SyntaxError', message: String(error) };
}

/** Every run and every validation checks its code; the same code gets the same answer, so it is compiled once. */
const checked = new TextMemo<SyntaxProblem | null>(2_000);

/** Compiles the code without running it; returns what is wrong with it, or null. */
export function findSyntaxError(code: string, mode: SandboxMode): SyntaxProblem | null {
  if (typeof code !== 'string') return { message: 'Code must be a string' };
  if (code.length > MAX_CODE_CHARS) {
    return { message: `Code is too long: ${code.length} characters, the limit is ${MAX_CODE_CHARS}` };
  }
  if (mode === 'expression' && code.trim() === '') return { message: 'The expression is empty' };
  const problem = checked.get(`${mode}:${code}`, () => compileToCheck(code, mode));
  return problem && { ...problem };
}

function compileToCheck(code: string, mode: SandboxMode): SyntaxProblem | null {
  const { isolate, construct } = getChecker();
  try {
    isolate.compileScriptSync(wrapCode(code, mode), { filename: CODE_FILENAME }).release();
  } catch (error) {
    const { name, message } = errorParts(error);
    return describeSyntaxError(name, message, code);
  }
  try {
    construct.applySync(undefined, [functionBody(code, mode)], { timeout: 5_000 });
  } catch (error) {
    const { name, message } = errorParts(error);
    return { message: `${name}: ${message}` };
  }
  return null;
}

/**
 * For the graph validator: compiles the code (never runs it) and returns an error message such as
 * "SyntaxError: Unexpected token '}' (line 3)", or null when the code compiles.
 */
export function checkSyntax(code: string, mode: SandboxMode = 'function'): string | null {
  return findSyntaxError(code, mode)?.message ?? null;
}

export function disposeSyntaxChecker(): void {
  const current = checker;
  checker = null;
  if (current && !current.isolate.isDisposed) current.isolate.dispose();
}
