import { db } from '../db';
import { env } from '../env';
import { ApiError } from '../errors';

// Failed webhook calls are recorded for the owner to see, which makes them a way to fill the database: stored
// text is capped, failures per webhook and address are rate-limited (in this process), and old attempts go
// with the execution retention.

const WINDOW_MS = 60_000;
/** Longer than any IPv6 address with a zone; a forwarded header can say anything. */
const MAX_SOURCE_IP_LENGTH = 64;
const MAX_REASON_LENGTH = 200;
const failures = new Map<string, { start: number; count: number }>();

export const storedSourceIp = (ip: string | null) => (ip ? ip.slice(0, MAX_SOURCE_IP_LENGTH) : null);
export const storedReason = (reason: string) => reason.slice(0, MAX_REASON_LENGTH);

const failureKey = (webhookId: string, ip: string | null) => `${webhookId} ${storedSourceIp(ip) ?? '?'}`;

/** Throws 429 rate_limited (with Retry-After) when this address failed on this webhook too often this minute. */
export function checkFailedAttemptRate(webhookId: string, ip: string | null, now = Date.now()): void {
  const window = failures.get(failureKey(webhookId, ip));
  if (!window || now - window.start >= WINDOW_MS) return;
  if (window.count >= env().WEFT_WEBHOOK_FAILED_ATTEMPTS_PER_MINUTE) {
    const seconds = Math.max(1, Math.ceil((window.start + WINDOW_MS - now) / 1000));
    throw new ApiError('rate_limited', `Too many failed calls to this webhook; try again in ${seconds} s`, undefined, { 'Retry-After': String(seconds) });
  }
}

export function countFailedAttempt(webhookId: string, ip: string | null, now = Date.now()): void {
  const key = failureKey(webhookId, ip);
  let window = failures.get(key);
  if (!window || now - window.start >= WINDOW_MS) {
    window = { start: now, count: 0 };
    failures.set(key, window);
  }
  window.count++;
  // Windows of addresses that stopped calling are dropped as others fail, so the map cannot grow without end.
  if (failures.size > 10_000) for (const [k, w] of failures) if (now - w.start >= WINDOW_MS) failures.delete(k);
}

export function resetWebhookAttemptLimitsForTests(): void {
  failures.clear();
}

/** Deletes webhook attempts older than the execution retention (WEFT_EXECUTION_RETENTION_DAYS). */
export async function pruneOldWebhookAttempts(now = new Date()): Promise<number> {
  const days = env().WEFT_EXECUTION_RETENTION_DAYS;
  if (days <= 0) return 0;
  const prisma = await db();
  const { count } = await prisma.webhookAttempt.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - days * 86_400_000) } } });
  return count;
}
