import { MAX_CONSOLE_ENTRIES, MAX_CONSOLE_MESSAGE_CHARS } from './limits';

export const CONSOLE_LEVELS = ['log', 'info', 'warn', 'error', 'debug'] as const;
export type ConsoleLevel = (typeof CONSOLE_LEVELS)[number];

/** One `console.*` call made by sandboxed code. */
export interface ConsoleEntry {
  level: ConsoleLevel;
  message: string;
  /** ISO timestamp of the call. */
  at: string;
}

const TRUNCATION_SUFFIX = '… [truncated]';

function isLevel(value: unknown): value is ConsoleLevel {
  return typeof value === 'string' && (CONSOLE_LEVELS as readonly string[]).includes(value);
}

function isIsoTimestamp(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 40 && !Number.isNaN(Date.parse(value));
}

/**
 * Collects the console entries of one run and hands each to the caller's listener as it arrives. It is the last
 * line of the caps: at most MAX_CONSOLE_ENTRIES entries plus the notice that more were dropped, each at most
 * MAX_CONSOLE_MESSAGE_CHARS long, whatever the sandbox sends.
 */
export class ConsoleRecorder {
  readonly entries: ConsoleEntry[] = [];

  constructor(private readonly listener?: (entry: ConsoleEntry) => void) {}

  add(level: unknown, message: unknown, at: unknown): void {
    if (this.entries.length > MAX_CONSOLE_ENTRIES || !isLevel(level) || typeof message !== 'string') return;
    const text =
      message.length > MAX_CONSOLE_MESSAGE_CHARS
        ? message.slice(0, MAX_CONSOLE_MESSAGE_CHARS - TRUNCATION_SUFFIX.length) + TRUNCATION_SUFFIX
        : message;
    const entry: ConsoleEntry = Object.freeze({
      level,
      message: text,
      at: isIsoTimestamp(at) ? at : new Date().toISOString(),
    });
    this.entries.push(entry);
    if (!this.listener) return;
    try {
      this.listener(entry);
    } catch {
      // A failing listener must not break the run; the entry is still in the returned list.
    }
  }
}
