// Server code only: a client bundle that reaches this module fails to build instead of shipping it.
import 'server-only';
import { ConsoleRecorder, type ConsoleEntry } from './console';
import {
  ResultTooLargeError,
  SandboxError,
  cancelledError,
  memoryLimitError,
  timeoutError,
  userError,
} from './errors';
import {
  ABORT_GRACE_MS,
  BACKSTOP_GRACE_MS,
  CODE_FILENAME,
  IDLE_GRACE_MS,
  MAX_CONSOLE_ENTRIES,
  MAX_CONSOLE_MESSAGE_CHARS,
  MAX_PENDING_TIMERS,
  MAX_RESULT_BYTES,
  MEMORY_LIMIT_MB,
  POOL,
  TIMEOUT_MS,
} from './limits';
import { WorkerPool } from './pool';
import type { ChildMessage, RunLimits, RunOutcome } from './protocol';
import { describeSyntaxError, disposeSyntaxChecker, findSyntaxError, wrapCode, type SandboxMode } from './syntax';
import { childProgramPath, type SandboxWorker, type WorkerExit } from './worker';

export interface SandboxRunOptions {
  /** The body of an async function (mode `function`) or one expression (mode `expression`). */
  code: string;
  mode?: SandboxMode;
  /** Named values made available to the code as globals, copied in as JSON (e.g. `{ input, fetch_data }`). */
  scope?: Record<string, unknown>;
  /** Wall-clock limit of the run (default 10 000 ms). */
  timeoutMs?: number;
  /** Heap limit of the isolate (default 64 MB). */
  memoryLimitMb?: number;
  /** Aborting stops the run at once; it then rejects with a `cancelled` SandboxError. */
  signal?: AbortSignal;
  /** Receives each console entry as it is made. */
  onConsole?: (entry: ConsoleEntry) => void;
  /** Largest result (JSON, UTF-8 bytes) accepted; measured in the sandbox process. Default 10 MB. */
  maxResultBytes?: number;
  /** Whose code this is (a workspace id): sandbox processes are shared fairly between tenants. */
  tenant?: string;
  /** Called when the run has to wait for a sandbox process (all busy, or the tenant's share in use). */
  onQueued?: () => void;
}

export interface SandboxResult {
  /** The returned value (mode `function`) or the expression's value, as JSON; `undefined` becomes `null`. */
  value: unknown;
  console: ConsoleEntry[];
  /** Time from handing the code to the sandbox until its answer. */
  durationMs: number;
}

function runLimits(maxResultBytes: number): RunLimits {
  return {
    maxConsoleEntries: MAX_CONSOLE_ENTRIES,
    maxMessageChars: MAX_CONSOLE_MESSAGE_CHARS,
    maxResultBytes,
    maxTimers: MAX_PENDING_TIMERS,
    codeFilename: CODE_FILENAME,
  };
}

let pool: WorkerPool | null = null;
let nextRunId = 1;

function getPool(): WorkerPool {
  pool ??= new WorkerPool({ ...POOL, warmMemoryLimitMb: MEMORY_LIMIT_MB.default, programPath: childProgramPath() });
  return pool;
}

/** Stops every sandbox process (runs in progress are cancelled). The next run starts a new pool. */
export async function disposeSandboxPool(): Promise<void> {
  const current = pool;
  pool = null;
  disposeSyntaxChecker();
  await current?.dispose();
}

function checkOptions(options: SandboxRunOptions): { mode: SandboxMode; timeoutMs: number; memoryLimitMb: number; maxResultBytes: number } {
  const mode = options.mode ?? 'function';
  if (mode !== 'function' && mode !== 'expression') throw new TypeError(`Unknown sandbox mode: ${String(mode)}`);
  const timeoutMs = options.timeoutMs ?? TIMEOUT_MS.default;
  if (!Number.isFinite(timeoutMs) || timeoutMs < 1 || timeoutMs > TIMEOUT_MS.max) {
    throw new RangeError(`timeoutMs must be between 1 and ${TIMEOUT_MS.max}`);
  }
  const memoryLimitMb = options.memoryLimitMb ?? MEMORY_LIMIT_MB.default;
  if (!Number.isInteger(memoryLimitMb) || memoryLimitMb < MEMORY_LIMIT_MB.min || memoryLimitMb > MEMORY_LIMIT_MB.max) {
    throw new RangeError(`memoryLimitMb must be an integer between ${MEMORY_LIMIT_MB.min} and ${MEMORY_LIMIT_MB.max}`);
  }
  const maxResultBytes = Math.min(options.maxResultBytes ?? MAX_RESULT_BYTES, MAX_RESULT_BYTES);
  if (!Number.isInteger(maxResultBytes) || maxResultBytes < 1) throw new RangeError('maxResultBytes must be a positive integer');
  return { mode, timeoutMs: Math.ceil(timeoutMs), memoryLimitMb, maxResultBytes };
}

/** The scope as JSON; a top-level `undefined` becomes `null` so the name still exists in the code. */
function serializeScope(scope: Record<string, unknown> | undefined): string {
  if (scope === undefined) return '{}';
  if (scope === null || typeof scope !== 'object' || Array.isArray(scope)) {
    throw new TypeError('Sandbox scope must be a plain object');
  }
  try {
    return JSON.stringify(scope, function (this: unknown, _key: string, value: unknown) {
      return this === scope && value === undefined ? null : value;
    });
  } catch (error) {
    throw new TypeError(`Sandbox scope is not JSON-serializable: ${(error as Error).message}`);
  }
}

function dropProtoKeys(key: string, value: unknown): unknown {
  return key === '__proto__' ? undefined : value;
}

/** Parses the result JSON; own `__proto__` keys are dropped so no later Object.assign can re-parent an object. */
function parseResult(json: string, maxResultBytes: number): unknown {
  if (json.length > maxResultBytes) throw new ResultTooLargeError(json.length, maxResultBytes);
  try {
    return json.includes('"__proto__"') ? JSON.parse(json, dropProtoKeys) : JSON.parse(json);
  } catch {
    throw new SandboxError('invalid_result', 'Code returned a value that could not be read as JSON');
  }
}



interface RunSettings {
  code: string;
  timeoutMs: number;
  memoryLimitMb: number;
  maxResultBytes: number;
}

function outcomeError(outcome: Exclude<RunOutcome, { code: 'ok' }>, settings: RunSettings): Error {
  switch (outcome.code) {
    case 'timeout':
      return timeoutError(settings.timeoutMs);
    case 'memory_limit':
      return memoryLimitError(settings.memoryLimitMb);
    case 'cancelled':
      return cancelledError();
    case 'user_error':
      // An ArrayBuffer beyond the limit fails its allocation with a plain RangeError: still the memory limit.
      if (outcome.name === 'RangeError' && outcome.message === 'Array buffer allocation failed') {
        return memoryLimitError(settings.memoryLimitMb);
      }
      return userError(outcome.name, outcome.message, outcome.line ?? undefined);
    case 'invalid_result':
      if (outcome.reason === 'too_large') {
        return new ResultTooLargeError(Number(outcome.detail) || settings.maxResultBytes + 1, settings.maxResultBytes);
      }
      if (outcome.reason === 'unsupported_type') {
        return new SandboxError('invalid_result', `Code returned ${outcome.detail}, which cannot be converted to JSON`);
      }
      return new SandboxError('invalid_result', `Code returned a value that cannot be converted to JSON: ${outcome.detail}`);
    case 'syntax_error': {
      const problem = describeSyntaxError(outcome.name, outcome.message, settings.code);
      return new SandboxError('syntax_error', problem.message, { line: problem.line });
    }
    case 'internal':
      return new Error(`The code sandbox failed: ${outcome.message}`);
  }
}

function exitError(exit: WorkerExit, settings: RunSettings): Error {
  if (exit.fatal !== undefined) return memoryLimitError(settings.memoryLimitMb);
  switch (exit.killedBecause) {
    case 'timeout':
      return timeoutError(settings.timeoutMs);
    case 'shutdown':
      return cancelledError('The code sandbox was shut down');
    default:
      // The child died without a word: V8 aborted it, which in practice means memory.
      return new SandboxError(
        'memory_limit',
        `Code crashed the sandbox; it most likely exceeded the ${settings.memoryLimitMb} MB memory limit`,
      );
  }
}

/**
 * Runs user JavaScript in a sandbox child process (isolated-vm, fresh context per run) and resolves with its
 * JSON result and console output, or rejects with a SandboxError (see its `code`).
 */
export async function runInSandbox(options: SandboxRunOptions): Promise<SandboxResult> {
  const { mode, timeoutMs, memoryLimitMb, maxResultBytes } = checkOptions(options);
  const { code, signal, onConsole } = options;
  if (signal?.aborted) throw cancelledError();
  const problem = findSyntaxError(code, mode);
  if (problem) throw new SandboxError('syntax_error', problem.message, { line: problem.line });
  const scope = serializeScope(options.scope);
  const activePool = getPool();
  const worker = await activePool.acquire({ signal, tenant: options.tenant, onQueued: options.onQueued });
  return dispatch(activePool, worker, {
    code,
    source: wrapCode(code, mode),
    scope,
    timeoutMs,
    memoryLimitMb,
    maxResultBytes,
    signal,
    onConsole,
  });
}

interface Dispatch extends RunSettings {
  source: string;
  scope: string;
  signal: AbortSignal | undefined;
  onConsole: ((entry: ConsoleEntry) => void) | undefined;
}

function dispatch(activePool: WorkerPool, worker: SandboxWorker, run: Dispatch): Promise<SandboxResult> {
  if (run.signal?.aborted) {
    // Aborted just as a worker became free: hand it on unused.
    activePool.release(worker);
    return Promise.reject(cancelledError());
  }
  const id = nextRunId++;
  const recorder = new ConsoleRecorder(run.onConsole);
  const startedAt = performance.now();

  return new Promise<SandboxResult>((resolve, reject) => {
    let settled = false;
    let workerDone = false;
    /** Kills the child if it does not report back in time after the answer or an abort. */
    let idleTimer: NodeJS.Timeout | undefined;

    const settle = (error: Error | null, value?: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(backstop);
      run.signal?.removeEventListener('abort', onAbort);
      if (error) {
        if (error instanceof SandboxError) error.console = recorder.entries;
        reject(error);
      } else {
        resolve({ value, console: recorder.entries, durationMs: performance.now() - startedAt });
      }
    };

    const expectIdle = (graceMs: number) => {
      if (workerDone || idleTimer) return;
      idleTimer = setTimeout(() => worker.kill('unresponsive'), graceMs);
      idleTimer.unref();
    };

    /** The child finished with this run: it takes the next one, or is retired when its isolate was killed. */
    const finishWorker = (retire: boolean) => {
      if (workerDone) return;
      workerDone = true;
      clearTimeout(idleTimer);
      worker.setListener(null);
      if (retire) worker.kill('retired');
      else activePool.release(worker);
    };

    worker.setListener({
      message: (message: ChildMessage) => {
        if (message.t === 'fatal') {
          settle(memoryLimitError(run.memoryLimitMb));
          return;
        }
        if (message.t === 'ready' || message.id !== id) return;
        if (message.t === 'log') {
          if (!settled) recorder.add(message.level, message.message, message.at);
        } else if (message.t === 'idle') {
          finishWorker(message.retire);
        } else if (message.t === 'done') {
          expectIdle(IDLE_GRACE_MS);
          const { outcome } = message;
          if (outcome.code !== 'ok') {
            settle(outcomeError(outcome, run));
            return;
          }
          try {
            settle(null, parseResult(outcome.json, run.maxResultBytes));
          } catch (error) {
            settle(error as Error);
          }
        }
      },
      exit: (exit: WorkerExit) => {
        workerDone = true;
        clearTimeout(idleTimer);
        settle(exitError(exit, run));
      },
    });

    // The child stops the run at its timeout; if it has not answered well after that, it is stuck: kill it.
    const backstop = setTimeout(() => {
      settle(timeoutError(run.timeoutMs));
      worker.kill('timeout');
    }, run.timeoutMs + BACKSTOP_GRACE_MS);

    const onAbort = () => {
      settle(cancelledError());
      if (workerDone) return;
      worker.send({ t: 'abort', id });
      expectIdle(ABORT_GRACE_MS);
    };
    run.signal?.addEventListener('abort', onAbort, { once: true });

    const sent = worker.send({
      t: 'run',
      id,
      source: run.source,
      scope: run.scope,
      timeoutMs: run.timeoutMs,
      memoryLimitMb: run.memoryLimitMb,
      limits: runLimits(run.maxResultBytes),
    });
    if (!sent) {
      worker.kill('unresponsive');
      settle(new Error('The code sandbox could not be reached'));
    }
  });
}
