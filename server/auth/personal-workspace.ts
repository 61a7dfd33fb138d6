import { db } from '../db';

// Identity provisioning: a person signed in for the first time gets a workspace of their own (the rest of what
// can be done with workspaces is server/services/workspaces.ts).

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string })?.code === 'P2002';
}

/**
 * The workspace a person gets when they sign up. Keyed by a unique column, so two first requests arriving at
 * once still create exactly one.
 */
export async function ensurePersonalWorkspace(user: { id: string; name: string }) {
  const prisma = await db();
  const existing = await prisma.workspace.findUnique({ where: { personalOwnerId: user.id } });
  if (existing) return existing;
  try {
    return await prisma.workspace.create({
      data: {
        name: `${user.name.trim() || 'My'}'s workspace`,
        personalOwnerId: user.id,
        memberships: { create: { userId: user.id, role: 'owner' } },
      },
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return prisma.workspace.findUniqueOrThrow({ where: { personalOwnerId: user.id } });
  }
}
