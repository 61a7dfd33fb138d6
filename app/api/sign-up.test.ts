import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { resetAuthForTests } from '@/server/auth/better-auth';
import { resetEnvForTests } from '@/server/env';
import { createInvitation } from '@/server/services/members';
import { setupTestDatabase } from '@/server/test/database';
import { createTestWorkspace } from '@/server/test/fixtures';
import { POST } from './auth/[...all]/route';

// Who may create an account (WEFT_SIGNUP), and session cookies that match the scheme the browser used.

setupTestDatabase();
beforeAll(() => resetAuthForTests());
afterEach(() => {
  vi.unstubAllEnvs();
  resetEnvForTests();
  resetAuthForTests();
});

function setEnv(values: Record<string, string | undefined>) {
  for (const [name, value] of Object.entries(values)) vi.stubEnv(name, value);
  resetEnvForTests();
  resetAuthForTests();
}

let counter = 0;
function signUp(options: { origin?: string; proto?: string; invitation?: string } = {}) {
  const origin = options.origin ?? 'http://weft.test';
  const headers: Record<string, string> = { 'content-type': 'application/json', origin, 'x-forwarded-proto': options.proto ?? new URL(origin).protocol.slice(0, -1) };
  if (options.invitation) headers['x-weft-invitation'] = options.invitation;
  return POST(
    new Request(`${origin}/api/auth/sign-up/email`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ name: 'Person', email: `person-${counter++}@example.test`, password: 'correct horse battery' }),
    }),
  );
}

describe('WEFT_SIGNUP', () => {
  it('by default lets the first person in, then only people with a valid invitation link', async () => {
    setEnv({ WEFT_SIGNUP: undefined });
    const first = await signUp();
    expect(first.status).toBe(200);

    const stranger = await signUp();
    expect(stranger.status).toBe(403);
    expect(await stranger.json()).toMatchObject({ code: 'SIGN_UP_INVITE_ONLY', message: expect.stringMatching(/invitation-only/) });
    expect((await signUp({ invitation: 'made-up-invitation-token' })).status).toBe(403);

    const { token } = await createInvitation((await createTestWorkspace()).owner, {});
    expect((await signUp({ invitation: token })).status).toBe(200);
  });

  it('closed: nobody, not even with an invitation; open: anyone', async () => {
    setEnv({ WEFT_SIGNUP: 'closed' });
    const { token } = await createInvitation((await createTestWorkspace()).owner, {});
    const closed = await signUp({ invitation: token });
    expect(closed.status).toBe(403);
    expect(await closed.json()).toMatchObject({ code: 'SIGN_UP_CLOSED' });

    setEnv({ WEFT_SIGNUP: 'open' });
    expect((await signUp()).status).toBe(200);
  });
});

describe('the session cookie', () => {
  const sessionCookie = (response: Response) => response.headers.getSetCookie().find((c) => c.includes('session_token'));

  it('is neither __Secure- nor Secure over plain HTTP (a LAN address), so the browser keeps it', async () => {
    setEnv({ WEFT_SIGNUP: 'open', NODE_ENV: 'production' });
    const cookie = sessionCookie(await signUp({ origin: 'http://192.168.1.20:3000' }));
    expect(cookie).toMatch(/^better-auth\.session_token=/);
    expect(cookie).not.toMatch(/;\s*Secure/i);
  });

  it('is __Secure- and Secure over HTTPS, or whenever WEFT_PUBLIC_URL is https', async () => {
    setEnv({ WEFT_SIGNUP: 'open' });
    const cookie = sessionCookie(await signUp({ origin: 'https://weft.example.com' }));
    expect(cookie).toMatch(/^__Secure-better-auth\.session_token=.*;\s*Secure/i);

    setEnv({ WEFT_SIGNUP: 'open', WEFT_PUBLIC_URL: 'https://weft.example.com' });
    const pinned = sessionCookie(await signUp({ origin: 'https://weft.example.com', proto: 'http' }));
    expect(pinned).toMatch(/^__Secure-better-auth\.session_token=/);
  });
});
