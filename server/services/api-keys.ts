import { z } from 'zod';
import { requireRole, type Caller } from '../auth/caller';
import { forgetCallers } from '../auth/caller-cache';
import { db } from '../db';
import { env } from '../env';
import { ApiError } from '../errors';
import { randomToken, sha256Hex } from '../secrets/crypto';

// API keys: shown once, stored as a sha256 hash, recognisable by their first characters, one workspace each.

const KEY_PREFIX = 'weft_';
const SHOWN_PREFIX_LENGTH = 12;

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
  forgetCallers();
  if (count === 0) {
    const exists = await prisma.apiKey.findFirst({ where: { id, workspaceId: caller.workspaceId } });
    if (!exists) throw new ApiError('not_found', 'No such API key');
  }
  return { id, revoked: true };
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
  forgetCallers();
}
