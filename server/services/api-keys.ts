import { z } from 'zod';
import { lowerRole, requireRole, type Caller, type Role } from '../auth/caller';
import { db } from '../db';
import { env } from '../env';
import { ApiError } from '../errors';
import { randomToken, sha256Hex } from '../secrets/crypto';

// API keys: shown once, stored as a sha256 hash, recognisable by their first characters, one workspace each.

const KEY_PREFIX = 'weft_';
const SHOWN_PREFIX_LENGTH = 12;
// Writing last_used_at on every request would turn every read into a write; a minute's precision is plenty.
const LAST_USED_PRECISION_MS = 60_000;

export const createApiKeyInput = z.object({
  name: z.string().trim().min(1, 'Name is required').max(100),
  role: z.enum(['owner', 'editor', 'viewer']).default('editor'),
});

export const apiKeyIdInput = z.object({ id: z.string().min(1) });

function present(key: {
  id: string;
  name: string;
  prefix: string;
  role: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}) {
  return {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    role: key.role,
    created_at: key.createdAt.toISOString(),
    last_used_at: key.lastUsedAt?.toISOString() ?? null,
    revoked_at: key.revokedAt?.toISOString() ?? null,
  };
}

export async function createApiKey(caller: Caller, input: z.input<typeof createApiKeyInput>) {
  requireRole(caller, 'owner');
  const { name, role } = createApiKeyInput.parse(input);
  const key = `${KEY_PREFIX}${randomToken(24)}`;
  const prisma = await db();
  const row = await prisma.apiKey.create({
    data: {
      workspaceId: caller.workspaceId,
      name,
      role,
      keyHash: sha256Hex(key),
      prefix: key.slice(0, SHOWN_PREFIX_LENGTH),
      createdById: caller.userId,
    },
  });
  return { ...present(row), key };
}

export async function listApiKeys(caller: Caller) {
  requireRole(caller, 'owner');
  const prisma = await db();
  const keys = await prisma.apiKey.findMany({ where: { workspaceId: caller.workspaceId }, orderBy: { createdAt: 'desc' } });
  return keys.map(present);
}

export async function revokeApiKey(caller: Caller, id: string) {
  requireRole(caller, 'owner');
  const prisma = await db();
  const { count } = await prisma.apiKey.updateMany({
    where: { id, workspaceId: caller.workspaceId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count === 0) {
    const exists = await prisma.apiKey.findFirst({ where: { id, workspaceId: caller.workspaceId } });
    if (!exists) throw new ApiError('not_found', 'No such API key');
  }
  return { id, revoked: true };
}

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

/** The caller an API key stands for, or null when it is unknown, revoked or its creator has left. */
export async function callerForApiKey(token: string): Promise<Caller | null> {
  if (!token || token.length > 512) return null;
  const prisma = await db();
  const key = await prisma.apiKey.findUnique({ where: { keyHash: sha256Hex(token) } });
  if (!key || key.revokedAt) return null;
  const role = await effectiveKeyRole(key);
  if (!role) return null;
  const now = Date.now();
  if (!key.lastUsedAt || now - key.lastUsedAt.getTime() > LAST_USED_PRECISION_MS) {
    await prisma.apiKey.update({ where: { id: key.id }, data: { lastUsedAt: new Date(now) } });
  }
  return { workspaceId: key.workspaceId, role, userId: key.createdById, apiKeyId: key.id, via: 'api_key' };
}

const BOOTSTRAP_KEY_NAME = 'Bootstrap key (WEFT_BOOTSTRAP_API_KEY)';

/** The workspace bootstrap created (flagged in the database, never found by name: anyone can name theirs). */
async function bootstrapWorkspaceId(): Promise<string> {
  const prisma = await db();
  const existing = await prisma.workspace.findFirst({ where: { bootstrap: true }, orderBy: { createdAt: 'asc' }, select: { id: true } });
  if (existing) return existing.id;
  const created = await prisma.workspace.create({ data: { name: env().WEFT_BOOTSTRAP_WORKSPACE, bootstrap: true } });
  return created.id;
}

/**
 * Headless installs (CI, automation) name their key in WEFT_BOOTSTRAP_API_KEY: make sure the workspace bootstrap
 * created (named WEFT_BOOTSTRAP_WORKSPACE) has an owner key of exactly that value. Safe to run at every start.
 */
export async function ensureBootstrapApiKey(): Promise<void> {
  const { WEFT_BOOTSTRAP_API_KEY: key } = env();
  if (!key) return;
  const prisma = await db();
  const keyHash = sha256Hex(key);
  const workspaceId = await bootstrapWorkspaceId();
  const existing = await prisma.apiKey.findUnique({ where: { keyHash } });
  if (!existing) {
    await prisma.apiKey.create({
      data: { workspaceId, name: BOOTSTRAP_KEY_NAME, role: 'owner', keyHash, prefix: key.slice(0, SHOWN_PREFIX_LENGTH) },
    });
    console.log('[weft] bootstrap API key ready');
    return;
  }
  if (existing.workspaceId !== workspaceId) {
    console.warn('[weft] WEFT_BOOTSTRAP_API_KEY belonged to a workspace bootstrap did not create; moving it to its own');
  } else if (existing.revokedAt) {
    console.warn('[weft] WEFT_BOOTSTRAP_API_KEY names a revoked key; restoring it because the configuration asks for it');
  } else if (existing.role === 'owner' && !existing.createdById) {
    return;
  }
  await prisma.apiKey.update({ where: { id: existing.id }, data: { workspaceId, revokedAt: null, role: 'owner', createdById: null } });
}
