import { beforeAll, describe, expect, it } from 'vitest';
import { authenticate } from '@/server/auth/authenticate';
import { getAuth, resetAuthForTests } from '@/server/auth/better-auth';
import { db } from '@/server/db';
import { setupTestDatabase } from '@/server/test/database';
import { POST } from './auth/[...all]/route';

// Sign-in through the real route: password guessing against one account is locked out with a growing wait,
// whatever addresses the guesses come from, and the right password forgives earlier mistakes.

setupTestDatabase();
beforeAll(() => resetAuthForTests());

const ORIGIN = 'http://weft.test';
let counter = 0;

async function account() {
  const email = `guessed-${counter++}@example.test`;
  const auth = await getAuth(new Headers());
  await auth.api.signUpEmail({ body: { name: 'Target', email, password: 'correct horse battery' } });
  return email;
}

const signIn = (email: string, password: string, address = `198.51.100.${counter++ % 250}`) =>
  POST(
    new Request(`${ORIGIN}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN, 'x-forwarded-for': address },
      body: JSON.stringify({ email, password }),
    }),
  );

describe('repeated failed sign-ins to one account', () => {
  it('lock it (429 with Retry-After) after five, even from rotating addresses and with the right password', async () => {
    const email = await account();
    for (let i = 0; i < 5; i++) expect((await signIn(email, `wrong-${i}`)).status).toBe(401);
    const locked = await signIn(email, 'correct horse battery');
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(20);
    expect(await locked.json()).toMatchObject({ message: expect.stringMatching(/Too many failed sign-ins for this account/) });
  });

  it('double the wait for each further failure once the window has passed, and a success resets the count', async () => {
    const email = await account();
    for (let i = 0; i < 5; i++) await signIn(email, `wrong-${i}`);
    const prisma = await db();
    const expire = () => prisma.signInThrottle.updateMany({ data: { lockedUntil: new Date(Date.now() - 1000) } });

    await expire();
    expect((await signIn(email, 'wrong-again')).status).toBe(401);
    expect(Number((await signIn(email, 'correct horse battery')).headers.get('retry-after'))).toBeGreaterThan(50);

    await expire();
    expect((await signIn(email, 'correct horse battery')).status).toBe(200);
    // Forgiven: four more mistakes are allowed before the next lock.
    for (let i = 0; i < 4; i++) expect((await signIn(email, `wrong-${i}`)).status).toBe(401);
    expect((await signIn(email, 'correct horse battery')).status).toBe(200);
  });

  it('lock an address nobody has the same way, so a lock does not tell whether an account exists', async () => {
    for (let i = 0; i < 5; i++) expect((await signIn('nobody@example.test', `wrong-${i}`)).status).toBe(401);
    expect((await signIn('Nobody@Example.test', 'wrong')).status).toBe(429);
  });

  it('cannot be outrun by guessing in parallel', async () => {
    const email = await account();
    const statuses = (await Promise.all(Array.from({ length: 12 }, (_, i) => signIn(email, `wrong-${i}`)))).map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(7);
  });
});

describe('signing out', () => {
  it('is honoured on the very next request, though who a cookie stands for is remembered for a few seconds', async () => {
    const email = await account();
    const signedIn = await signIn(email, 'correct horse battery');
    expect(signedIn.status).toBe(200);
    const cookie = signedIn.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    expect(await authenticate(new Headers({ cookie }))).toMatchObject({ via: 'session' });
    expect(await authenticate(new Headers({ cookie }))).toMatchObject({ via: 'session' });
    const signedOut = await POST(new Request(`${ORIGIN}/api/auth/sign-out`, { method: 'POST', headers: { cookie, origin: ORIGIN } }));
    expect(signedOut.status).toBe(200);
    expect(await authenticate(new Headers({ cookie }))).toBeNull();
  });
});
