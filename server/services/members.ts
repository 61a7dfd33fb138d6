import { z } from 'zod';
import { requireRole, type Caller } from '../auth/caller';
import { forgetCallers } from '../auth/caller-cache';
import { previewInvitation } from '../auth/invitation-token';
import { ensurePersonalWorkspace } from '../auth/personal-workspace';
import { db } from '../db';
import type { PrismaClient } from '../db/generated/client';
import { ApiError } from '../errors';
import { randomToken, sha256Hex } from '../secrets/crypto';

// Members of a workspace and the invitation links that add them. No mail server: the owner copies the link.

const roleSchema = z.enum(['owner', 'editor', 'viewer']);
export const changeRoleInput = z.object({ user_id: z.string().min(1), role: roleSchema });
export const removeMemberInput = z.object({ user_id: z.string().min(1) });
export const createInvitationInput = z.object({
  role: roleSchema.default('editor'),
  expires_in_hours: z.number().int().min(1).max(24 * 30).default(24 * 7),
});
export const invitationTokenInput = z.object({ token: z.string().min(10).max(200) });

export async function listMembers(caller: Caller) {
  const prisma = await db();
  const members = await prisma.membership.findMany({
    where: { workspaceId: caller.workspaceId },
    include: { user: { select: { id: true, name: true, email: true } } },
    orderBy: { createdAt: 'asc' },
  });
  return members.map((m) => ({ user_id: m.user.id, name: m.user.name, email: m.user.email, role: m.role, joined_at: m.createdAt.toISOString() }));
}

/** A workspace must always keep an owner, or nobody could manage its members and keys again. */
async function assertAnotherOwnerRemains(workspaceId: string, userId: string) {
  const prisma = await db();
  const owners = await prisma.membership.count({ where: { workspaceId, role: 'owner', userId: { not: userId } } });
  if (owners === 0) throw new ApiError('conflict', 'A workspace needs at least one owner: make someone else owner first');
}

function revokePendingInvitationsBy(prisma: PrismaClient, workspaceId: string, userId: string) {
  return prisma.invitation.updateMany({
    where: { workspaceId, createdById: userId, acceptedAt: null, revokedAt: null },
    data: { revokedAt: new Date() },
  });
}

export async function changeMemberRole(caller: Caller, input: z.input<typeof changeRoleInput>) {
  requireRole(caller, 'owner');
  const { user_id, role } = changeRoleInput.parse(input);
  const prisma = await db();
  const membership = await prisma.membership.findUnique({ where: { workspaceId_userId: { workspaceId: caller.workspaceId, userId: user_id } } });
  if (!membership) throw new ApiError('not_found', 'No such member');
  const demotedOwner = membership.role === 'owner' && role !== 'owner';
  if (demotedOwner) await assertAnotherOwnerRemains(caller.workspaceId, user_id);
  await prisma.$transaction([
    prisma.membership.update({ where: { id: membership.id }, data: { role } }),
    // Only owners may invite; links a former owner handed out stop working with their ownership.
    ...(demotedOwner ? [revokePendingInvitationsBy(prisma, caller.workspaceId, user_id)] : []),
  ]);
  forgetCallers();
  return { user_id, role };
}

export async function removeMember(caller: Caller, input: z.input<typeof removeMemberInput>) {
  requireRole(caller, 'owner');
  const { user_id } = removeMemberInput.parse(input);
  const prisma = await db();
  const membership = await prisma.membership.findUnique({ where: { workspaceId_userId: { workspaceId: caller.workspaceId, userId: user_id } } });
  if (!membership) throw new ApiError('not_found', 'No such member');
  if (membership.role === 'owner') await assertAnotherOwnerRemains(caller.workspaceId, user_id);
  const now = new Date();
  // Whatever they could hand out leaves with them: their API keys and pending invitation links stop at once.
  await prisma.$transaction([
    prisma.membership.delete({ where: { id: membership.id } }),
    prisma.apiKey.updateMany({ where: { workspaceId: caller.workspaceId, createdById: user_id, revokedAt: null }, data: { revokedAt: now } }),
    revokePendingInvitationsBy(prisma, caller.workspaceId, user_id),
  ]);
  forgetCallers();
  return { user_id, removed: true };
}

export async function createInvitation(caller: Caller, input: z.input<typeof createInvitationInput>) {
  requireRole(caller, 'owner');
  const { role, expires_in_hours } = createInvitationInput.parse(input);
  const token = randomToken(32);
  const prisma = await db();
  const invitation = await prisma.invitation.create({
    data: {
      workspaceId: caller.workspaceId,
      role,
      tokenHash: sha256Hex(token),
      createdById: caller.userId,
      expiresAt: new Date(Date.now() + expires_in_hours * 3_600_000),
    },
  });
  return { id: invitation.id, role, token, path: `/invite/${token}`, expires_at: invitation.expiresAt.toISOString() };
}

export async function listInvitations(caller: Caller) {
  requireRole(caller, 'owner');
  const prisma = await db();
  const invitations = await prisma.invitation.findMany({
    where: { workspaceId: caller.workspaceId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: 'desc' },
  });
  return invitations.map((i) => ({ id: i.id, role: i.role, created_at: i.createdAt.toISOString(), expires_at: i.expiresAt.toISOString() }));
}

export async function revokeInvitation(caller: Caller, id: string) {
  requireRole(caller, 'owner');
  const prisma = await db();
  const { count } = await prisma.invitation.updateMany({
    where: { id, workspaceId: caller.workspaceId, acceptedAt: null, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count === 0) throw new ApiError('not_found', 'No such pending invitation');
  return { id, revoked: true };
}

/**
 * Joins the workspace an invitation names. The conditional update consumes the link atomically, so a link
 * works exactly once even when clicked twice at the same moment. A person who accepts before any other signed-in
 * request (signing up on the invitation page accepts at once) gets their own workspace first, as that first
 * request would have given them.
 */
export async function acceptInvitation(user: { id: string; name: string }, token: string) {
  const userId = user.id;
  await ensurePersonalWorkspace(user);
  const prisma = await db();
  const tokenHash = sha256Hex(token);
  const { count } = await prisma.invitation.updateMany({
    where: { tokenHash, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    data: { acceptedAt: new Date(), acceptedById: userId },
  });
  if (count === 0) {
    const preview = await previewInvitation(token);
    throw new ApiError('forbidden', preview.valid ? 'This invitation cannot be used' : preview.reason);
  }
  const invitation = await prisma.invitation.findUniqueOrThrow({ where: { tokenHash } });
  const existing = await prisma.membership.findUnique({ where: { workspaceId_userId: { workspaceId: invitation.workspaceId, userId } } });
  if (!existing) await prisma.membership.create({ data: { workspaceId: invitation.workspaceId, userId, role: invitation.role } });
  // A new membership changes which workspace a session may land in.
  forgetCallers();
  return { workspace_id: invitation.workspaceId, role: existing?.role ?? invitation.role };
}
