/**
 * Messages between this process and a sandbox child process (`child.mjs`). Everything the child sends is checked
 * here before the host acts on it.
 */

/** Caps the child enforces; sent with every run so `limits.ts` stays the single source of truth. */
export interface RunLimits {
  maxConsoleEntries: number;
  maxMessageChars: number;
  /** Measured on the JSON text inside the child, so a larger value never reaches this process. */
  maxResultBytes: number;
  maxTimers: number;
  codeFilename: string;
}

interface RunRequest {
  t: 'run';
  id: number;
  /** The wrapped code (see `wrapCode`), already checked for syntax errors. */
  source: string;
  /** JSON text of the scope object. */
  scope: string;
  timeoutMs: number;
  memoryLimitMb: number;
  limits: RunLimits;
}

export type HostMessage = RunRequest | { t: 'abort'; id: number };

type InvalidResultReason = 'not_serializable' | 'unsupported_type' | 'too_large';

export type RunOutcome =
  | { code: 'ok'; json: string }
  | { code: 'user_error'; name: string; message: string; line: number | null }
  | { code: 'invalid_result'; reason: InvalidResultReason; detail: string }
  | { code: 'syntax_error'; name: string; message: string }
  | { code: 'timeout' | 'memory_limit' | 'cancelled' }
  | { code: 'internal'; message: string };

export type ChildMessage =
  | { t: 'ready' }
  | { t: 'log'; id: number; level: string; message: string; at: string }
  | { t: 'done'; id: number; outcome: RunOutcome }
  /** After `done` and its clean-up: the child can take the next run, or must be retired (killed). */
  | { t: 'idle'; id: number; retire: boolean }
  | { t: 'fatal'; id: number | null; message: string };

type Loose = Record<string, unknown>;

const isObject = (value: unknown): value is Loose => typeof value === 'object' && value !== null;
const isId = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value);
const text = (value: unknown, max: number): string => (typeof value === 'string' ? value.slice(0, max) : '');

function readOutcome(raw: unknown): RunOutcome {
  if (!isObject(raw)) return { code: 'internal', message: 'malformed outcome' };
  switch (raw.code) {
    case 'ok':
      return typeof raw.json === 'string' ? { code: 'ok', json: raw.json } : { code: 'internal', message: 'no result' };
    case 'user_error':
      return {
        code: 'user_error',
        name: text(raw.name, 200),
        message: text(raw.message, 10_000),
        line: isId(raw.line) && raw.line > 0 ? raw.line : null,
      };
    case 'invalid_result': {
      const reason = raw.reason === 'too_large' || raw.reason === 'unsupported_type' ? raw.reason : 'not_serializable';
      return { code: 'invalid_result', reason, detail: text(raw.detail, 2_000) };
    }
    case 'syntax_error':
      return { code: 'syntax_error', name: text(raw.name, 200), message: text(raw.message, 2_000) };
    case 'timeout':
    case 'memory_limit':
    case 'cancelled':
      return { code: raw.code };
    default:
      return { code: 'internal', message: text(raw.message, 2_000) || 'unknown outcome' };
  }
}

/** Validates a message from a child; anything malformed yields null and is ignored. */
export function readChildMessage(raw: unknown): ChildMessage | null {
  if (!isObject(raw)) return null;
  switch (raw.t) {
    case 'ready':
      return { t: 'ready' };
    case 'log':
      if (!isId(raw.id) || typeof raw.level !== 'string' || typeof raw.message !== 'string') return null;
      return { t: 'log', id: raw.id, level: raw.level, message: raw.message, at: text(raw.at, 40) };
    case 'done':
      return isId(raw.id) ? { t: 'done', id: raw.id, outcome: readOutcome(raw.outcome) } : null;
    case 'idle':
      return isId(raw.id) ? { t: 'idle', id: raw.id, retire: raw.retire !== false } : null;
    case 'fatal':
      return { t: 'fatal', id: isId(raw.id) ? raw.id : null, message: text(raw.message, 2_000) };
    default:
      return null;
  }
}
