import { APICallError, RetryError, StreamProviderError } from 'ai';
import { BlockError } from '../run-capabilities';
import { NetworkError } from '../net';

// Turns what the AI SDK throws into a BlockError a workflow builder can act on: the provider's own message (with
// any key scrubbed out), a code, whether trying again can help, and how long the provider asked us to wait.

/** The longest `Retry-After` Weft waits for; a provider asking for more fails the block instead. */
export const MAX_RETRY_AFTER_MS = 10 * 60 * 1000;

const REDACTED = '[redacted]';
/** Key-shaped strings (OpenAI `sk-…`, `sk-proj-…`, Anthropic `sk-ant-…`), also when a provider masks part of one. */
const KEY_PATTERN = /\bsk-[A-Za-z0-9_*-]{6,}/g;

/**
 * Removes every secret from a text meant for logs, events or errors. With `keyShapes` (the default, for provider
 * error messages) anything shaped like an API key goes too, since providers quote the key they were sent.
 */
export function scrubSecrets(text: string, secrets: readonly string[], { keyShapes = true }: { keyShapes?: boolean } = {}): string {
  let scrubbed = text;
  for (const secret of secrets) {
    if (secret.length >= 4) scrubbed = scrubbed.split(secret).join(REDACTED);
  }
  return keyShapes ? scrubbed.replace(KEY_PATTERN, REDACTED) : scrubbed;
}

/** The secrets themselves (not key-shaped text) removed from every string inside a JSON value. */
export function scrubDeep<T>(value: T, secrets: readonly string[]): T {
  if (secrets.length === 0) return value;
  if (typeof value === 'string') return scrubSecrets(value, secrets, { keyShapes: false }) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => scrubDeep(item, secrets)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, scrubDeep(item, secrets)])) as T;
  }
  return value;
}

/** Milliseconds from `retry-after-ms`, or `retry-after` in seconds or as an HTTP date; undefined when absent. */
export function retryAfterMs(headers: Record<string, string> | undefined, now = Date.now()): number | undefined {
  if (!headers) return undefined;
  const lower = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
  const ms = Number.parseFloat(lower['retry-after-ms'] ?? '');
  if (Number.isFinite(ms) && ms >= 0) return Math.ceil(ms);
  const raw = lower['retry-after']?.trim();
  if (!raw) return undefined;
  if (/^\d+(\.\d+)?$/.test(raw)) return Math.ceil(Number.parseFloat(raw) * 1000);
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export interface ErrorContext {
  /** `OpenAI`, `Anthropic`, `Ollama`…: who answered. */
  providerLabel: string;
  /** The credential holding the key, for the 401 hint. */
  keyName: string | null;
  /** Values to scrub from every message. */
  secrets: readonly string[];
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  408: 'Request Timeout',
  409: 'Conflict',
  413: 'Payload Too Large',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
  529: 'Overloaded',
};

function statusLabel(status: number): string {
  return STATUS_TEXT[status] ? `${status} ${STATUS_TEXT[status]}` : String(status);
}

function retryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

function codeForStatus(status: number): string {
  if (status === 401 || status === 403) return 'llm_unauthorized';
  if (status === 429) return 'llm_rate_limited';
  if (status >= 500 || status === 408 || status === 409) return 'llm_provider_error';
  return 'llm_bad_request';
}

function fromStatus(status: number, providerMessage: string, headers: Record<string, string> | undefined, context: ErrorContext): BlockError {
  const message = scrubSecrets(providerMessage.trim() || 'no message', context.secrets);
  let text = `${context.providerLabel} answered ${statusLabel(status)}: ${message}`;
  if ((status === 401 || status === 403) && context.keyName) text += ` (check ${context.keyName} in Settings → Credentials or the server's environment)`;
  let retryable = retryableStatus(status);
  const wait = status === 429 || status === 503 ? retryAfterMs(headers) : undefined;
  if (wait !== undefined && wait > MAX_RETRY_AFTER_MS) {
    retryable = false;
    text += ` (the provider asked to wait ${Math.round(wait / 1000)} s before trying again)`;
  }
  return new BlockError(text, codeForStatus(status), retryable, retryable ? wait : undefined);
}

/** The provider error behind an AI SDK error, as a BlockError. Never contains a key. */
export function providerError(error: unknown, context: ErrorContext): BlockError {
  if (RetryError.isInstance(error)) return providerError(error.lastError, context);
  if (APICallError.isInstance(error)) {
    if (error.statusCode !== undefined) return fromStatus(error.statusCode, error.message, error.responseHeaders, context);
    const message = scrubSecrets(error.message, context.secrets);
    return new BlockError(`Could not reach ${context.providerLabel}: ${message}`, 'llm_network_error', true);
  }
  if (StreamProviderError.isInstance(error)) {
    if (error.statusCode !== undefined) return fromStatus(error.statusCode, error.message, undefined, context);
    const message = scrubSecrets(error.message, context.secrets);
    return new BlockError(`${context.providerLabel} reported an error: ${message}`, 'llm_provider_error', error.isRetryable);
  }
  if (error instanceof NetworkError) {
    // From the guarded fetch: a refused address or a bad redirect will not change on a second try.
    const retryable = error.code === 'network' || error.code === 'timeout';
    const code = error.code === 'blocked_address' ? 'blocked_address' : 'llm_network_error';
    return new BlockError(`Could not reach ${context.providerLabel}: ${scrubSecrets(error.message, context.secrets)}`, code, retryable);
  }
  if (error instanceof BlockError) {
    return new BlockError(scrubSecrets(error.message, context.secrets), error.code, error.retryable, error.retryAfterMs);
  }
  const message = error instanceof Error ? error.message || error.name : String(error);
  return new BlockError(`The call to ${context.providerLabel} failed: ${scrubSecrets(message, context.secrets)}`, 'llm_failed', true);
}
