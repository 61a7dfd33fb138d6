import { db } from '../db';
import { sha256Hex } from '../secrets/crypto';
import { lowerRole, type Caller, type Role } from './caller';
import { rememberedCaller } from './caller-cache';

// An API key presented with a request → the caller it stands for (keys are created and listed in
// server/services/api-keys.ts).

// Writing last_used_at on every request would turn every read into a write; a minute's precision is plenty.
const LAST_USED_PRECISION_MS = 60_000;

/**
 * A key can never do more than the person who made it can do now: the lower of its own role and its creator's
 * current one, and nothing once they have left the workspace. Keys without a creator are the operator's
 * (WEFT_BOOTSTRAP_API_KEY) and keep their role.
 */
async function effectiveKeyRole(key: { workspaceId: string; role: Role; createdById: string | null }): Promise<Role | null> {
  if (!key.createdById) return key.role;
  const prisma = await db();
  const creator = await prisma.membership.findUnique({
    where: { workspaceId_userId: { workspaceId: key.workspaceId, userId: key.createdById } },
    select: { role: true },
  });
  return creator ? lowerRole(key.role, creator.role) : null;
}

/**
 * The caller an API key stands for, or null when it is unknown, revoked or its creator has left (remembered for a
 * few seconds; revoking, restoring and role changes are seen at once, see caller-cache.ts).
 */
export async function callerForApiKey(token: string): Promise<Caller | null> {
  if (!token || token.length > 512) return null;
  const keyHash = sha256Hex(token);
  return rememberedCaller(`key:${keyHash}`, () => loadKeyCaller(keyHash));
}

async function loadKeyCaller(keyHash: string): Promise<Caller | null> {
  const prisma = await db();
  const key = await prisma.apiKey.findUnique({ where: { keyHash } });
  if (!key || key.revokedAt) return null;
  const role = await effectiveKeyRole(key);
  if (!role) return null;
  const now = Date.now();
  if (!key.lastUsedAt || now - key.lastUsedAt.getTime() > LAST_USED_PRECISION_MS) {
    await prisma.apiKey.update({ where: { id: key.id }, data: { lastUsedAt: new Date(now) } });
  }
  return { workspaceId: key.workspaceId, role, userId: key.createdById, apiKeyId: key.id, via: 'api_key' };
}
