import { callerForApiKey } from './api-key-caller';
import { rememberedCaller } from './caller-cache';
import { ensurePersonalWorkspace } from './personal-workspace';
import { db } from '../db';
import { requestOrigin } from '../http/origin';
import { getAuth } from './better-auth';
import type { Caller } from './caller';

/** A signed-in person as the browser session shows them. */
export interface SessionUser {
  id: string;
  name: string;
  email: string;
  sessionToken: string;
}

/** The API key a request presents: `Authorization: Bearer <key>`, or the `apikey` header. */
function presentedApiKey(headers: Headers): string | null {
  const authorization = headers.get('authorization');
  if (authorization) {
    const match = authorization.match(/^Bearer\s+(.+)$/i);
    return match ? match[1].trim() : authorization.trim();
  }
  return headers.get('apikey')?.trim() || null;
}

export async function sessionUser(headers: Headers): Promise<SessionUser | null> {
  if (!headers.get('cookie')) return null;
  const auth = await getAuth(headers);
  const session = await auth.api.getSession({ headers });
  if (!session) return null;
  return { id: session.user.id, name: session.user.name, email: session.user.email, sessionToken: session.session.token };
}

/**
 * The workspace and role a signed-in person acts in: the one their session points at if they still belong to
 * it, else their oldest membership, else a new personal workspace. A role change or removal takes effect at once
 * (it clears the remembered callers).
 */
async function callerForSession(user: SessionUser): Promise<Caller> {
  const prisma = await db();
  const session = await prisma.session.findUnique({ where: { token: user.sessionToken }, select: { activeWorkspaceId: true } });
  const active = session?.activeWorkspaceId
    ? await prisma.membership.findUnique({ where: { workspaceId_userId: { workspaceId: session.activeWorkspaceId, userId: user.id } } })
    : null;
  let membership = active ?? (await prisma.membership.findFirst({ where: { userId: user.id }, orderBy: { createdAt: 'asc' } }));
  if (!membership) {
    const workspace = await ensurePersonalWorkspace(user);
    membership = await prisma.membership.findUniqueOrThrow({ where: { workspaceId_userId: { workspaceId: workspace.id, userId: user.id } } });
  }
  if (membership.workspaceId !== session?.activeWorkspaceId) {
    await prisma.session.update({ where: { token: user.sessionToken }, data: { activeWorkspaceId: membership.workspaceId } });
  }
  return { workspaceId: membership.workspaceId, role: membership.role, userId: user.id, apiKeyId: null, via: 'session' };
}

/**
 * Who a request comes from. A presented API key decides alone (a bad key is never rescued by a cookie);
 * otherwise the browser session cookie. Null means 401.
 */
export async function authenticate(headers: Headers): Promise<Caller | null> {
  const key = presentedApiKey(headers);
  if (key) return callerForApiKey(key);
  const cookie = headers.get('cookie');
  if (!cookie) return null;
  // Remembered for a few seconds per cookie; signing out, switching workspace and role changes are seen at once.
  return rememberedCaller(`session:${cookie}`, async () => {
    const user = await sessionUser(headers);
    return user ? callerForSession(user) : null;
  });
}

/**
 * Cookies ride along with cross-site requests, so a mutating request authenticated by cookie must come from our
 * own origin (API keys are not sent automatically and need no such check).
 */
export function isSameOrigin(headers: Headers, requestUrl: string): boolean {
  let origin = headers.get('origin');
  if (!origin) {
    try {
      origin = new URL(headers.get('referer') ?? '').origin;
    } catch {
      return false;
    }
  }
  return origin === requestOrigin(headers, requestUrl);
}
