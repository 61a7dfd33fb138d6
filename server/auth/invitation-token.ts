import { db } from '../db';
import { sha256Hex } from '../secrets/crypto';

// An invitation link's token is a credential of sorts: what it grants, if anything. Sign-up (invitation-only
// servers) and joining a workspace (server/services/members.ts) both ask here.

/** What an invitation link offers, for the page that asks the person to accept it. */
export async function previewInvitation(token: string) {
  const prisma = await db();
  const invitation = await prisma.invitation.findUnique({
    where: { tokenHash: sha256Hex(token) },
    include: { workspace: { select: { name: true } } },
  });
  if (!invitation) return { valid: false as const, reason: 'This invitation link is not valid.' };
  if (invitation.acceptedAt) return { valid: false as const, reason: 'This invitation has already been used.' };
  if (invitation.revokedAt) return { valid: false as const, reason: 'This invitation was withdrawn.' };
  if (invitation.expiresAt <= new Date()) return { valid: false as const, reason: 'This invitation has expired.' };
  return { valid: true as const, workspace_name: invitation.workspace.name, role: invitation.role, expires_at: invitation.expiresAt.toISOString() };
}
