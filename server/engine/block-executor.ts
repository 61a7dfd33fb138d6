import type { AnyBlockDefinition } from '../blocks';
import { outputBytes, outputTooLargeError } from '../blocks/output-size';
import { addUsage, BlockError, Suspension, type BlockRunContext, type TokenUsage, type WaitRequest } from '../blocks/run-context';
import { env } from '../env';
import type { ConsoleLevel } from '../sandbox/console';

// Runs one block: its attempts (retry with backoff), its timeout, and its abort. The block's own `run` only
// does the work; everything a block type should not have to think about is here.

const MAX_CONSOLE_ENTRIES = 1_000;

export interface ConsoleLine {
  level: ConsoleLevel;
  message: string;
  at: string;
}

interface BlockFailure {
  message: string;
  code: string;
}

/**
 * How a block ended: its output or why it failed (or, `suspended`, what it waits for), and the record of its
 * attempts either way.
 */
export type BlockOutcome = ({ ok: true; output: unknown } | { ok: false; error: BlockFailure; suspended?: WaitRequest }) & {
  attempts: number;
  console: ConsoleLine[];
  usage: TokenUsage | null;
  startedAt: Date;
  durationMs: number;
};

export interface RetrySettings {
  max_attempts: number;
  backoff_ms: number;
  backoff: 'fixed' | 'exponential';
}

export interface ExecuteBlockOptions {
  definition: AnyBlockDefinition;
  /** The context for `run`, without the per-attempt parts the executor provides. */
  context: Omit<BlockRunContext<Record<string, unknown>>, 'signal' | 'log' | 'addUsage'>;
  retry: RetrySettings;
  /** Aborted when the whole execution is cancelled or fails. */
  executionSignal: AbortSignal;
  onLog(line: ConsoleLine): void;
}

class BlockTimeoutError extends BlockError {
  constructor(ms: number) {
    super(`The block took longer than its timeout of ${ms} ms`, 'block_timeout');
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/**
 * Runs `run` under a timeout: the attempt's signal aborts and the attempt fails as soon as the time is up. No block
 * runs longer than WEFT_MAX_BLOCK_TIMEOUT_MS: a larger `timeout_ms` is lowered to it, and it applies when none is set.
 */
async function attempt(options: ExecuteBlockOptions, log: (level: ConsoleLevel, message: string) => void, addUsage: (u: TokenUsage) => void) {
  const controller = new AbortController();
  const abortWithExecution = () => controller.abort(options.executionSignal.reason);
  if (options.executionSignal.aborted) abortWithExecution();
  options.executionSignal.addEventListener('abort', abortWithExecution, { once: true });
  const serverLimit = env().WEFT_MAX_BLOCK_TIMEOUT_MS;
  const configured = options.context.timeoutMs === undefined ? undefined : Math.min(options.context.timeoutMs, serverLimit);
  const timeoutMs = configured ?? serverLimit;
  let timer: NodeJS.Timeout | undefined;
  try {
    const work = options.definition.run({ ...options.context, timeoutMs: configured, signal: controller.signal, log, addUsage });
    const limits: Promise<never>[] = [
      new Promise((_, reject) => {
        const onAbort = () => reject(controller.signal.reason ?? new Error('aborted'));
        if (controller.signal.aborted) onAbort();
        controller.signal.addEventListener('abort', onAbort, { once: true });
      }),
    ];
    limits.push(
      new Promise((_, reject) => {
        timer = setTimeout(() => {
          const error = new BlockTimeoutError(timeoutMs);
          controller.abort(error);
          reject(error);
        }, timeoutMs);
      }),
    );
    // A block that ignores its signal is left behind, not waited for: the execution moves on.
    work.catch(() => undefined);
    return await Promise.race([work, ...limits]);
  } finally {
    clearTimeout(timer);
    options.executionSignal.removeEventListener('abort', abortWithExecution);
  }
}

function describe(error: unknown): { message: string; code: string; retryable: boolean; retryAfterMs?: number } {
  if (error instanceof BlockError) return { message: error.message, code: error.code, retryable: error.retryable, retryAfterMs: error.retryAfterMs };
  if (error instanceof Error) return { message: error.message || error.name, code: 'block_failed', retryable: true };
  return { message: String(error), code: 'block_failed', retryable: true };
}

export async function executeBlock(options: ExecuteBlockOptions): Promise<BlockOutcome> {
  const startedAt = new Date();
  const start = performance.now();
  const consoleLines: ConsoleLine[] = [];
  let usage: TokenUsage | null = null;
  const log = (level: ConsoleLevel, message: string) => {
    if (consoleLines.length >= MAX_CONSOLE_ENTRIES) return;
    const line = {
      level,
      message: consoleLines.length === MAX_CONSOLE_ENTRIES - 1 ? `(console output truncated after ${MAX_CONSOLE_ENTRIES} lines)` : message,
      at: new Date().toISOString(),
    };
    consoleLines.push(line);
    options.onLog(line);
  };
  const countUsage = (more: TokenUsage) => {
    usage = addUsage(usage, more);
  };
  const record = (attempts: number) => ({ attempts, console: consoleLines, usage, startedAt, durationMs: performance.now() - start });
  const fail = (error: BlockFailure, attempts: number): BlockOutcome => ({ ok: false, error, ...record(attempts) });

  const { max_attempts, backoff_ms, backoff } = options.retry;
  for (let n = 1; ; n++) {
    try {
      const output = await attempt(options, log, countUsage);
      const bytes = outputBytes(output ?? null);
      if (bytes > env().WEFT_MAX_OUTPUT_BYTES) throw outputTooLargeError(bytes, env().WEFT_MAX_OUTPUT_BYTES);
      return { ok: true, output: output ?? null, ...record(n) };
    } catch (error) {
      if (error instanceof Suspension) return { ok: false, error: { message: 'Waiting', code: 'waiting' }, suspended: error.request, ...record(n) };
      if (options.executionSignal.aborted) {
        return fail({ message: 'Cancelled', code: 'cancelled' }, n);
      }
      const failure = describe(error);
      if (!failure.retryable || n >= max_attempts) return fail({ message: failure.message, code: failure.code }, n);
      const backoffWait = backoff === 'exponential' ? backoff_ms * 2 ** (n - 1) : backoff_ms;
      // A provider that said when to come back (Retry-After) is not called again sooner.
      const wait = Math.max(backoffWait, failure.retryAfterMs ?? 0);
      log('warn', `Attempt ${n} of ${max_attempts} failed: ${failure.message}. Retrying in ${wait} ms.`);
      await sleep(wait, options.executionSignal);
    }
  }
}
