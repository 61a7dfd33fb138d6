import { betterAuth } from 'better-auth';
import { prismaAdapter } from 'better-auth/adapters/prisma';
import { nextCookies } from 'better-auth/next-js';
import { db } from '../db';
import { env } from '../env';
import { requestOrigin } from '../http/origin';
import { masterKey } from '../secrets/master-key';
import { createHash } from 'node:crypto';

// People sign in with better-auth (email and password, sessions in HTTP-only cookies); it stores users, sessions
// and password hashes in the User/Session/Account tables. Workspaces, roles and API keys are Weft's own.

async function createAuth() {
  const prisma = await db();
  return betterAuth({
    appName: 'Weft',
    // Unset, better-auth takes the origin from each request, which is what a self-hosted app reached by several
    // names needs; WEFT_PUBLIC_URL pins it behind a proxy.
    ...(env().WEFT_PUBLIC_URL ? { baseURL: env().WEFT_PUBLIC_URL } : {}),
    // Derived from the master key so that sessions survive restarts without yet another secret to configure.
    secret: createHash('sha256').update('weft-sessions').update(masterKey()).digest('base64'),
    database: prismaAdapter(prisma, { provider: 'postgresql' }),
    emailAndPassword: { enabled: true, minPasswordLength: 8, maxPasswordLength: 128, autoSignIn: true },
    session: {
      expiresIn: 60 * 60 * 24 * 30,
      updateAge: 60 * 60 * 24,
      additionalFields: { activeWorkspaceId: { type: 'string', required: false, input: false } },
    },
    // The app is served from whatever host people reach it on; only that same origin may post to auth routes.
    trustedOrigins: (request) => {
      if (!request) return [];
      return [requestOrigin(request.headers, request.url)];
    },
    advanced: { database: { generateId: () => crypto.randomUUID() } },
    // Brute-force protection per client address, loose enough for a team signing in behind one NAT.
    rateLimit: {
      enabled: true,
      window: 60,
      max: 300,
      customRules: {
        '/sign-in/email': { window: 60, max: env().WEFT_AUTH_ATTEMPTS_PER_MINUTE },
        '/sign-up/email': { window: 60, max: env().WEFT_AUTH_ATTEMPTS_PER_MINUTE },
      },
    },
    telemetry: { enabled: false },
    plugins: [nextCookies()],
  });
}

export type Auth = Awaited<ReturnType<typeof createAuth>>;

const globalForAuth = globalThis as unknown as { weftAuth?: Promise<Auth> };

/** The better-auth instance, created on first use (it needs the database, which opens lazily). */
export function getAuth(): Promise<Auth> {
  globalForAuth.weftAuth ??= createAuth();
  return globalForAuth.weftAuth;
}

/** Tests switch databases between files; the auth instance must follow. */
export function resetAuthForTests(): void {
  globalForAuth.weftAuth = undefined;
}
