import { env } from '../env';
import { ApiError } from '../errors';

// Executions per workspace per minute, counted in this process (every trigger: runs, API calls, webhooks).
// Off unless WEFT_RATE_LIMIT_EXECUTIONS_PER_MINUTE is set.

const WINDOW_MS = 60_000;
const windows = new Map<string, { start: number; count: number }>();

function currentWindow(workspaceId: string, now: number) {
  let window = windows.get(workspaceId);
  if (!window || now - window.start >= WINDOW_MS) {
    window = { start: now, count: 0 };
    windows.set(workspaceId, window);
  }
  return window;
}

function limited(retryAfterMs: number) {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new ApiError('rate_limited', `Too many executions in this workspace; try again in ${seconds} s`, undefined, { 'Retry-After': String(seconds) });
}

/** Throws 429 rate_limited when the workspace has no execution left in this minute; takes one when `take`. */
export function checkExecutionRate(workspaceId: string, { take }: { take: boolean }): void {
  const limit = env().WEFT_RATE_LIMIT_EXECUTIONS_PER_MINUTE;
  if (!limit) return;
  const now = Date.now();
  const window = currentWindow(workspaceId, now);
  if (window.count >= limit) throw limited(window.start + WINDOW_MS - now);
  if (take) window.count++;
}

export function resetRateLimitsForTests(): void {
  windows.clear();
}
