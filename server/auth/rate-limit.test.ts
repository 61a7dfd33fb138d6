import { afterAll, beforeAll, expect, it } from 'vitest';
import { setupTestDatabase } from '../test/database';
import { getAuth, resetAuthForTests } from './better-auth';
import { setEnv, unsetEnv } from '@/server/test/env';

// Guessing passwords is slowed to WEFT_AUTH_ATTEMPTS_PER_MINUTE tries per client address.

setupTestDatabase();

beforeAll(() => {
  setEnv('WEFT_AUTH_ATTEMPTS_PER_MINUTE', '3');
  resetAuthForTests();
});

afterAll(() => {
  unsetEnv('WEFT_AUTH_ATTEMPTS_PER_MINUTE');
  resetAuthForTests();
});

const signIn = async (address: string) =>
  (await getAuth(new Headers())).handler(
    new Request('http://weft.test/api/auth/sign-in/email', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://weft.test', 'x-forwarded-for': address },
      body: JSON.stringify({ email: 'nobody@example.test', password: 'wrong-password' }),
    }),
  );

it('answers 429 once an address has used its sign-in attempts, while other addresses still get through', async () => {
  const statuses = [];
  for (let i = 0; i < 4; i++) statuses.push((await signIn('198.51.100.7')).status);
  expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
  expect(statuses[3]).toBe(429);
  expect((await signIn('198.51.100.8')).status).toBe(401);
});
