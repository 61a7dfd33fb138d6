import { afterEach, describe, expect, it } from 'vitest';
import type { Caller, Role } from '../auth/caller';
import { db } from '../db';
import { sha256Hex } from '../secrets/crypto';
import { setupTestDatabase } from '../test/database';
import { callerForApiKey } from '../auth/api-key-caller';
import { createApiKey, ensureBootstrapApiKey } from './api-keys';
import { previewInvitation } from '../auth/invitation-token';
import { changeMemberRole, createInvitation, removeMember } from './members';
import { setEnv, unsetEnv } from '@/server/test/env';

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

describe('the bootstrap key (WEFT_BOOTSTRAP_API_KEY)', () => {
  const bootstrapKey = 'weft_operator_bootstrap_key_0123';
  afterEach(() => unsetEnv('WEFT_BOOTSTRAP_API_KEY'));

  it('never lands in a workspace someone named "default" first, and is taken back from one it landed in', async () => {
    const { first } = await workspaceWithOwners();
    const prisma = await db();
    await prisma.workspace.update({ where: { id: first.workspaceId }, data: { name: 'default' } });
    setEnv('WEFT_BOOTSTRAP_API_KEY', bootstrapKey);

    await ensureBootstrapApiKey();
    const caller = await callerForApiKey(bootstrapKey);
    expect(caller).toMatchObject({ role: 'owner' });
    expect(caller!.workspaceId).not.toBe(first.workspaceId);
    expect(await prisma.workspace.findUniqueOrThrow({ where: { id: caller!.workspaceId } })).toMatchObject({ name: 'default', bootstrap: true });

    // A key captured under the old rule (it sits in a person's workspace) moves back at the next start.
    await prisma.apiKey.update({ where: { keyHash: sha256Hex(bootstrapKey) }, data: { workspaceId: first.workspaceId } });
    await ensureBootstrapApiKey();
    expect((await callerForApiKey(bootstrapKey))!.workspaceId).toBe(caller!.workspaceId);
  });
});
