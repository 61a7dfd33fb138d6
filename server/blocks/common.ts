import { z } from 'zod';
import type { FieldHintSpec } from './types';

/** The longest a single block may run: one hour. */
const MAX_BLOCK_TIMEOUT_MS = 3_600_000;

const retrySchema = z.strictObject({
  /** Attempts in total, the first one included; 1 means no retry. */
  max_attempts: z.int().min(1).max(10).default(1),
  /** The wait before the second attempt. */
  backoff_ms: z.int().min(0).default(1000),
  /** `exponential` doubles the wait after every failed attempt. */
  backoff: z.enum(['fixed', 'exponential']).default('exponential'),
});

/**
 * Settings every block type has, merged into each block's config schema by `defineBlock`. All are optional in a
 * stored config; parsing fills in `retry` (one attempt) and `on_error` (`"fail"`). `timeout_ms` stays absent when
 * not set, leaving the engine's default in force.
 */
export const commonConfigShape = {
  timeout_ms: z.int().positive().max(MAX_BLOCK_TIMEOUT_MS).optional(),
  retry: retrySchema.prefault({}),
  /** `fail` ends the execution when the block fails (after its retries); `continue` lets the run go on. */
  on_error: z.enum(['fail', 'continue']).default('fail'),
};

export type CommonConfigShape = typeof commonConfigShape;

/** A drop-down hint; `labels` maps each stored value to what the user reads, in the order shown. */
export function selectHint(label: string, labels: Readonly<Record<string, string>>): FieldHintSpec {
  return { widget: 'select', label, options: Object.entries(labels).map(([value, text]) => ({ value, label: text })) };
}

export const commonFieldHints: Readonly<Record<string, FieldHintSpec>> = {
  timeout_ms: {
    widget: 'number',
    label: 'Timeout (ms)',
    help: "Abort the block after this many milliseconds (at most the server's WEFT_MAX_BLOCK_TIMEOUT_MS, 5 minutes by default).",
    advanced: true,
  },
  'retry.max_attempts': {
    widget: 'number',
    label: 'Attempts',
    help: 'How many times to try the block before giving up (1 = no retry).',
    advanced: true,
  },
  'retry.backoff_ms': {
    widget: 'number',
    label: 'Retry delay (ms)',
    help: 'Wait before the first retry.',
    advanced: true,
  },
  'retry.backoff': {
    ...selectHint('Retry backoff', { exponential: 'Exponential (double the delay each time)', fixed: 'Fixed' }),
    advanced: true,
  },
  on_error: {
    ...selectHint('On error', { fail: 'Fail the execution', continue: 'Continue the execution' }),
    advanced: true,
  },
};
