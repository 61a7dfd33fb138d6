import { z } from 'zod';
import { MIN_SECRET_LENGTH } from '@/lib/graph/secrets';
import { requireRole, type Caller } from '../auth/caller';
import { db } from '../db';
import { ApiError } from '../errors';
import { decryptSecret, encryptSecret } from '../secrets/crypto';

// Workspace secrets (e.g. OPENAI_API_KEY) for blocks to use. Write-only: people can set, replace and delete a
// value, and list names, but no API ever returns a value; only the engine reads them, server-side.

export const credentialNameSchema = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]{0,99}$/, 'Use letters, digits and underscores, starting with a letter (e.g. OPENAI_API_KEY)');
const credentialValueSchema = z
  .string()
  .min(1, 'A value is required')
  .max(16_384)
  // The redactor's minimum (provider keys from the environment are redacted by the same rule).
  .refine((value) => value.trim().length >= MIN_SECRET_LENGTH, {
    message: `Must be at least ${MIN_SECRET_LENGTH} characters (leading and trailing spaces not counted): shorter values cannot be kept out of execution logs`,
  });
export const setCredentialInput = z.object({ name: credentialNameSchema, value: credentialValueSchema });
export const credentialNameInput = z.object({ name: credentialNameSchema });

export async function listCredentials(caller: Caller) {
  const prisma = await db();
  const rows = await prisma.credential.findMany({
    where: { workspaceId: caller.workspaceId },
    select: { name: true, createdAt: true, updatedAt: true },
    orderBy: { name: 'asc' },
  });
  return rows.map((r) => ({ name: r.name, created_at: r.createdAt.toISOString(), updated_at: r.updatedAt.toISOString() }));
}

export async function setCredential(caller: Caller, input: z.input<typeof setCredentialInput>) {
  requireRole(caller, 'editor');
  const { name, value } = setCredentialInput.parse(input);
  const prisma = await db();
  const encryptedValue = encryptSecret(value);
  const row = await prisma.credential.upsert({
    where: { workspaceId_name: { workspaceId: caller.workspaceId, name } },
    create: { workspaceId: caller.workspaceId, name, encryptedValue },
    update: { encryptedValue },
  });
  return { name: row.name, created_at: row.createdAt.toISOString(), updated_at: row.updatedAt.toISOString() };
}

export async function deleteCredential(caller: Caller, name: string) {
  requireRole(caller, 'editor');
  const prisma = await db();
  const { count } = await prisma.credential.deleteMany({ where: { workspaceId: caller.workspaceId, name } });
  if (count === 0) throw new ApiError('not_found', 'No such credential');
  return { name, deleted: true };
}

/** The names of the workspace's secrets (never their values), for the validator. */
export async function listSecretNames(workspaceId: string): Promise<Set<string>> {
  const prisma = await db();
  const rows = await prisma.credential.findMany({ where: { workspaceId }, select: { name: true } });
  return new Set(rows.map((row) => row.name));
}

/** The plaintext value, for the engine only (never returned by an API). Null when the workspace has none. */
export async function readCredential(workspaceId: string, name: string): Promise<string | null> {
  const prisma = await db();
  const row = await prisma.credential.findUnique({ where: { workspaceId_name: { workspaceId, name } } });
  return row ? decryptSecret(row.encryptedValue) : null;
}

/** Every plaintext value of the workspace, for the engine's redaction of what an execution records. */
export async function readAllCredentialValues(workspaceId: string): Promise<string[]> {
  const prisma = await db();
  const rows = await prisma.credential.findMany({ where: { workspaceId }, select: { encryptedValue: true } });
  return rows.map((row) => decryptSecret(row.encryptedValue));
}
