import { expect, it } from 'vitest';
import type { Caller, Role } from '../auth/caller';
import { db } from '../db';
import { setupTestDatabase } from '../test/database';
import { callerForApiKey, createApiKey } from './api-keys';
import { changeMemberRole, createInvitation, previewInvitation, removeMember } from './members';

// A key is only ever as strong as the person who made it is now: demoting them weakens their keys, removing
// them revokes their keys and invitation links at once.

setupTestDatabase();

let counter = 0;
async function workspaceWithOwners() {
  const prisma = await db();
  const workspace = await prisma.workspace.create({ data: { name: `Shared ${counter++}` } });
  const member = async (name: string, role: Role): Promise<Caller> => {
    const user = await prisma.user.create({ data: { id: crypto.randomUUID(), name, email: `${name}-${counter++}@example.test` } });
    await prisma.membership.create({ data: { workspaceId: workspace.id, userId: user.id, role } });
    return { workspaceId: workspace.id, role, userId: user.id, apiKeyId: null, via: 'session' };
  };
  return { first: await member('first', 'owner'), second: await member('second', 'owner') };
}

it("caps a key at its creator's current role", async () => {
  const { first, second } = await workspaceWithOwners();
  const { key } = await createApiKey(second, { name: 'automation', role: 'owner' });
  expect(await callerForApiKey(key)).toMatchObject({ role: 'owner' });

  await changeMemberRole(first, { user_id: second.userId!, role: 'viewer' });
  expect(await callerForApiKey(key)).toMatchObject({ role: 'viewer' });
  await changeMemberRole(first, { user_id: second.userId!, role: 'owner' });
  expect(await callerForApiKey(key)).toMatchObject({ role: 'owner' });
});

it('stops the keys and invitation links of a removed member at once, for good', async () => {
  const { first, second } = await workspaceWithOwners();
  const { key, id } = await createApiKey(second, { name: 'automation', role: 'editor' });
  const invitation = await createInvitation(second, { role: 'owner' });

  await removeMember(first, { user_id: second.userId! });
  expect(await callerForApiKey(key)).toBeNull();
  expect(await previewInvitation(invitation.token)).toMatchObject({ valid: false });

  // Being invited back does not bring the old key back.
  const prisma = await db();
  await prisma.membership.create({ data: { workspaceId: first.workspaceId, userId: second.userId!, role: 'owner' } });
  expect(await callerForApiKey(key)).toBeNull();
  expect((await prisma.apiKey.findUniqueOrThrow({ where: { id } })).revokedAt).not.toBeNull();
});

it("withdraws a demoted owner's pending invitations, since only owners may invite", async () => {
  const { first, second } = await workspaceWithOwners();
  const invitation = await createInvitation(second, { role: 'owner' });
  await changeMemberRole(first, { user_id: second.userId!, role: 'editor' });
  expect(await previewInvitation(invitation.token)).toMatchObject({ valid: false });
});
