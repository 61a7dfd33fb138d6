import type { ConsoleEntry } from './console';

export type SandboxErrorCode =
  | 'timeout'
  | 'memory_limit'
  | 'cancelled'
  | 'user_error'
  | 'invalid_result'
  | 'syntax_error';

export interface SandboxErrorDetails {
  /** 1-based line of the user's code the error points at, when known. */
  line?: number;
  /** Console entries the code produced before it failed. */
  console?: ConsoleEntry[];
}

/**
 * The one error type `runInSandbox` rejects with. `message` is written for the person who wrote the code and never
 * contains a host stack trace; `code` says what went wrong.
 */
export class SandboxError extends Error {
  readonly code: SandboxErrorCode;
  readonly line: number | undefined;
  /** Console entries the code produced before it failed (empty when it never started). */
  console: ConsoleEntry[];

  constructor(code: SandboxErrorCode, message: string, details: SandboxErrorDetails = {}) {
    super(message);
    this.name = 'SandboxError';
    this.code = code;
    this.line = details.line;
    this.console = details.console ?? [];
  }
}

export function timeoutError(timeoutMs: number): SandboxError {
  return new SandboxError('timeout', `Code timed out after ${timeoutMs} ms`);
}

export function memoryLimitError(memoryLimitMb: number): SandboxError {
  return new SandboxError('memory_limit', `Code exceeded the ${memoryLimitMb} MB memory limit`);
}

export function cancelledError(reason = 'Code execution was cancelled'): SandboxError {
  return new SandboxError('cancelled', reason);
}

/** "TypeError: x is not a function (line 3)"; a thrown non-error keeps its own text. */
export function userError(name: string, message: string, line: number | undefined): SandboxError {
  const head = name && message ? `${name}: ${message}` : name || message || 'Code threw an error without a message';
  return new SandboxError('user_error', line === undefined ? head : `${head} (line ${line})`, { line });
}

function megabytes(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}

/** The code's result is larger than the run allows (`invalid_result`; callers may name it more precisely). */
export class ResultTooLargeError extends SandboxError {
  constructor(
    readonly bytes: number,
    readonly limitBytes: number,
  ) {
    super('invalid_result', `Code returned ${megabytes(bytes)} of JSON, more than the ${megabytes(limitBytes)} limit`);
  }
}
