import { z } from 'zod';
import type { Caller } from '../auth/caller';
import { requireRole } from '../auth/caller';
import { forgetCallers } from '../auth/caller-cache';
import { db } from '../db';
import { ApiError } from '../errors';

export const workspaceNameSchema = z.string().trim().min(1, 'Name is required').max(100);

export async function listMyWorkspaces(userId: string) {
  const prisma = await db();
  const memberships = await prisma.membership.findMany({
    where: { userId },
    include: { workspace: { select: { id: true, name: true } } },
    orderBy: { createdAt: 'asc' },
  });
  return memberships.map((m) => ({ id: m.workspace.id, name: m.workspace.name, role: m.role }));
}

export async function createWorkspace(userId: string, name: string) {
  const prisma = await db();
  const workspace = await prisma.workspace.create({
    data: { name: workspaceNameSchema.parse(name), memberships: { create: { userId, role: 'owner' } } },
  });
  return { id: workspace.id, name: workspace.name, role: 'owner' as const };
}

/** Points a browser session at another workspace the person belongs to. */
export async function switchWorkspace(sessionToken: string, userId: string, workspaceId: string) {
  const prisma = await db();
  const membership = await prisma.membership.findUnique({ where: { workspaceId_userId: { workspaceId, userId } } });
  if (!membership) throw new ApiError('not_found', 'No such workspace');
  await prisma.session.update({ where: { token: sessionToken }, data: { activeWorkspaceId: workspaceId } });
  forgetCallers();
  return { id: workspaceId, role: membership.role };
}

export async function renameWorkspace(caller: Caller, name: string) {
  requireRole(caller, 'owner');
  const prisma = await db();
  const workspace = await prisma.workspace.update({
    where: { id: caller.workspaceId },
    data: { name: workspaceNameSchema.parse(name) },
  });
  return { id: workspace.id, name: workspace.name };
}
