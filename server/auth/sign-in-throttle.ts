import { db } from '../db';
import { sha256Hex } from '../secrets/crypto';

// Per-account lockout for password guessing, whatever address the guesses come from (the per-address limit is
// better-auth's). Every attempt is charged before the password is checked and a success wipes the slate, so a
// burst of parallel guesses cannot slip past the count. The first FREE_ATTEMPTS failures are free; from then on
// each attempt locks the account for a doubling window, up to MAX_LOCK_MS. A quiet day forgets old failures.

const FREE_ATTEMPTS = 5;
const FIRST_LOCK_MS = 30_000;
const MAX_LOCK_MS = 15 * 60_000;
const FORGET_AFTER_MS = 24 * 60 * 60_000;
const CLAIM_TRIES = 5;

function lockDurationMs(failures: number): number | null {
  if (failures < FREE_ATTEMPTS) return null;
  return Math.min(MAX_LOCK_MS, FIRST_LOCK_MS * 2 ** (failures - FREE_ATTEMPTS));
}

const emailHash = (email: string) => sha256Hex(email.trim().toLowerCase());

/**
 * Charges one sign-in attempt to an account. Answers the seconds to wait when it is locked (nothing charged),
 * or null when the attempt may go ahead.
 */
async function claimSignInAttempt(email: string, now = new Date()): Promise<number | null> {
  const prisma = await db();
  const key = emailHash(email);
  for (let i = 0; i < CLAIM_TRIES; i++) {
    const row = await prisma.signInThrottle.findUnique({ where: { emailHash: key } });
    if (row?.lockedUntil && row.lockedUntil > now) return Math.ceil((row.lockedUntil.getTime() - now.getTime()) / 1000);
    const stale = !row || now.getTime() - row.lastAttemptAt.getTime() > FORGET_AFTER_MS;
    const failures = (stale ? 0 : row.failures) + 1;
    const lock = lockDurationMs(failures);
    const data = { failures, lastAttemptAt: now, lockedUntil: lock === null ? null : new Date(now.getTime() + lock) };
    if (!row) {
      const created = await prisma.signInThrottle.createMany({ data: [{ emailHash: key, ...data }], skipDuplicates: true });
      if (created.count === 1) return null;
      continue;
    }
    // Compare-and-set on the count: of two attempts racing for the same slot, one wins and the other looks again.
    const { count } = await prisma.signInThrottle.updateMany({ where: { emailHash: key, failures: row.failures, lastAttemptAt: row.lastAttemptAt }, data });
    if (count === 1) return null;
  }
  return Math.ceil(FIRST_LOCK_MS / 1000);
}

/** A correct password: the account's failures are forgiven. */
async function clearSignInFailures(email: string): Promise<void> {
  const prisma = await db();
  await prisma.signInThrottle.deleteMany({ where: { emailHash: emailHash(email) } });
}

async function signInEmail(request: Request): Promise<string | null> {
  try {
    const body: unknown = await request.clone().json();
    const email = typeof body === 'object' && body !== null && 'email' in body ? body.email : null;
    return typeof email === 'string' && email.trim() ? email : null;
  } catch {
    return null;
  }
}

/** Runs an email sign-in request through the account's lockout: 429 with Retry-After while it is locked. */
export async function throttledSignIn(request: Request, signIn: (request: Request) => Promise<Response>): Promise<Response> {
  const email = await signInEmail(request);
  if (!email) return signIn(request);
  const waitSeconds = await claimSignInAttempt(email);
  if (waitSeconds !== null) {
    const minutes = Math.ceil(waitSeconds / 60);
    const message = `Too many failed sign-ins for this account. Try again in ${waitSeconds < 60 ? `${waitSeconds} seconds` : `${minutes} minute${minutes === 1 ? '' : 's'}`}.`;
    return Response.json({ code: 'ACCOUNT_TEMPORARILY_LOCKED', message }, { status: 429, headers: { 'retry-after': String(waitSeconds) } });
  }
  const response = await signIn(request);
  if (response.ok) await clearSignInFailures(email);
  return response;
}
