// Server code only: a client bundle that reaches this module fails to build instead of shipping it.
import 'server-only';
import { betterAuth } from 'better-auth';
import { APIError, createAuthMiddleware } from 'better-auth/api';
import { prismaAdapter } from 'better-auth/adapters/prisma';
import { nextCookies } from 'better-auth/next-js';
import { db } from '../db';
import { env } from '../env';
import { requestOrigin } from '../http/origin';
import { masterKey } from '../secrets/master-key';
import { createHash } from 'node:crypto';
import { INVITATION_HEADER } from '@/lib/invitation-header';
import { signUpRefusal } from './sign-up-policy';

// People sign in with better-auth (email and password, sessions in HTTP-only cookies); it stores users, sessions
// and password hashes in the User/Session/Account tables. Workspaces, roles and API keys are Weft's own.

/** WEFT_SIGNUP decides who may create an account; an invitation link travels in a header from the sign-up form. */
const enforceSignUpPolicy = createAuthMiddleware(async (ctx) => {
  if (ctx.path !== '/sign-up/email') return;
  const token = ctx.headers?.get(INVITATION_HEADER)?.trim().slice(0, 200) || null;
  const refusal = await signUpRefusal(token);
  if (refusal) throw new APIError('FORBIDDEN', refusal);
});

/**
 * Whether this request reached us over HTTPS: WEFT_PUBLIC_URL's scheme when set, else the request's own
 * (X-Forwarded-Proto, which scripts/server.mjs sets from the socket or a trusted proxy). Session cookies are
 * `Secure` only then: a browser drops a Secure cookie set over plain HTTP (say, on a LAN address), and the person
 * would be sent back to sign-in after signing in.
 */
function servedOverHttps(headers: Headers): boolean {
  const configured = env().WEFT_PUBLIC_URL;
  if (configured) return new URL(configured).protocol === 'https:';
  return headers.get('x-forwarded-proto')?.split(',')[0]?.trim() === 'https';
}

async function createAuth(secureCookies: boolean) {
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
    advanced: { database: { generateId: () => crypto.randomUUID() }, useSecureCookies: secureCookies },
    hooks: { before: enforceSignUpPolicy },
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

// One instance with Secure cookies and one without (better-auth fixes the cookie names when it is created).
const globalForAuth = globalThis as unknown as { weftAuth?: { secure?: Promise<Auth>; plain?: Promise<Auth> } };

/** The better-auth instance for this request's scheme, created on first use (it needs the database, which opens lazily). */
export function getAuth(headers: Headers): Promise<Auth> {
  const instances = (globalForAuth.weftAuth ??= {});
  return servedOverHttps(headers) ? (instances.secure ??= createAuth(true)) : (instances.plain ??= createAuth(false));
}

/** Tests switch databases between files; the auth instance must follow. */
export function resetAuthForTests(): void {
  globalForAuth.weftAuth = undefined;
}
