import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../db';
import { createApiKey, revokeApiKey } from '../services/api-keys';
import { acceptInvitation, changeMemberRole, createInvitation, removeMember } from '../services/members';
import { switchWorkspace } from '../services/workspaces';
import { previewInvitation } from './invitation-token';
import { setupTestDatabase } from '../test/database';
import { authenticate } from './authenticate';
import { getAuth, resetAuthForTests } from './better-auth';

// People through the real better-auth: sign-up gives a session cookie, the cookie resolves to a workspace and
// a role, and membership changes take effect on the very next request.

setupTestDatabase();

beforeAll(() => resetAuthForTests());

let counter = 0;
async function signUp(name: string) {
  const auth = await getAuth(new Headers());
  const email = `${name.toLowerCase()}-${Date.now()}-${counter++}@example.test`;
  const response = await auth.api.signUpEmail({ body: { name, email, password: 'correct horse battery' }, asResponse: true });
  expect(response.status).toBe(200);
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const headers = new Headers({ cookie });
  const caller = await authenticate(headers);
  return { headers, caller: caller!, userId: caller!.userId! };
}

describe('a person signing up', () => {
  it('gets a workspace of their own as its owner, exactly one even if their first requests race', async () => {
    const ada = await signUp('Ada');
    expect(ada.caller).toMatchObject({ role: 'owner', via: 'session', apiKeyId: null });
    const again = await Promise.all([authenticate(ada.headers), authenticate(ada.headers), authenticate(ada.headers)]);
    expect(new Set(again.map((c) => c!.workspaceId))).toEqual(new Set([ada.caller.workspaceId]));
    const prisma = await db();
    expect(await prisma.membership.count({ where: { userId: ada.userId } })).toBe(1);
    const workspace = await prisma.workspace.findUniqueOrThrow({ where: { id: ada.caller.workspaceId } });
    expect(workspace.name).toBe("Ada's workspace");
  });

  it('is nobody without the cookie, or with a forged one', async () => {
    expect(await authenticate(new Headers())).toBeNull();
    expect(await authenticate(new Headers({ cookie: 'better-auth.session_token=forged.value' }))).toBeNull();
  });
});

describe('invitations and roles', () => {
  it('join a workspace once, and role changes and removal apply on the next request', async () => {
    const owner = await signUp('Owner');
    const guest = await signUp('Guest');
    const invitation = await createInvitation(owner.caller, { role: 'viewer' });
    expect(await previewInvitation(invitation.token)).toMatchObject({ valid: true, role: 'viewer', workspace_name: "Owner's workspace" });

    expect(await acceptInvitation({ id: guest.userId, name: 'guest' }, invitation.token)).toEqual({ workspace_id: owner.caller.workspaceId, role: 'viewer' });
    const third = await signUp('Third');
    await expect(acceptInvitation({ id: third.userId, name: 'third' }, invitation.token)).rejects.toMatchObject({ code: 'forbidden', message: 'This invitation has already been used.' });

    // The guest's session still points at their own workspace until they switch.
    const prisma = await db();
    await prisma.session.updateMany({ where: { userId: guest.userId }, data: { activeWorkspaceId: owner.caller.workspaceId } });
    expect(await authenticate(guest.headers)).toMatchObject({ workspaceId: owner.caller.workspaceId, role: 'viewer' });

    await changeMemberRole(owner.caller, { user_id: guest.userId, role: 'editor' });
    expect(await authenticate(guest.headers)).toMatchObject({ workspaceId: owner.caller.workspaceId, role: 'editor' });

    await removeMember(owner.caller, { user_id: guest.userId });
    // Removed from the workspace their session pointed at, they land back in their own.
    expect(await authenticate(guest.headers)).toMatchObject({ workspaceId: guest.caller.workspaceId, role: 'owner' });
  });

  it('expire', async () => {
    const owner = await signUp('Expirer');
    const guest = await signUp('Late');
    const invitation = await createInvitation(owner.caller, { role: 'editor', expires_in_hours: 1 });
    const prisma = await db();
    await prisma.invitation.update({ where: { id: invitation.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await previewInvitation(invitation.token)).toEqual({ valid: false, reason: 'This invitation has expired.' });
    await expect(acceptInvitation({ id: guest.userId, name: 'guest' }, invitation.token)).rejects.toMatchObject({ code: 'forbidden' });
    expect(await prisma.membership.count({ where: { userId: guest.userId, workspaceId: owner.caller.workspaceId } })).toBe(0);
  });

  it('never leave a workspace without an owner', async () => {
    const owner = await signUp('Lonely');
    await expect(changeMemberRole(owner.caller, { user_id: owner.userId, role: 'editor' })).rejects.toMatchObject({ code: 'conflict' });
    await expect(removeMember(owner.caller, { user_id: owner.userId })).rejects.toMatchObject({ code: 'conflict' });
  });
});

// Callers are remembered for a few seconds (caller-cache.ts); each test asks once first so that the answer is
// remembered, then changes something and expects the very next request to see it.
describe('remembered callers', () => {
  const bearer = (key: string) => new Headers({ authorization: `Bearer ${key}` });

  /** Two people, the second a member of the first one's workspace with `role`. */
  async function ownerAndMember(ownerName: string, memberName: string, role: 'owner' | 'editor') {
    const owner = await signUp(ownerName);
    const member = await signUp(memberName);
    await acceptInvitation({ id: member.userId, name: 'member' }, (await createInvitation(owner.caller, { role })).token);
    return { owner, member };
  }

  it('a revoked key is refused on the very next request', async () => {
    const owner = await signUp('Revoker');
    const { key, id } = await createApiKey(owner.caller, { name: 'ci', role: 'editor' });
    expect(await authenticate(bearer(key))).toMatchObject({ workspaceId: owner.caller.workspaceId, role: 'editor', apiKeyId: id });
    expect(await authenticate(bearer(key))).toMatchObject({ role: 'editor' });
    await revokeApiKey(owner.caller, id);
    expect(await authenticate(bearer(key))).toBeNull();
  });

  it("a key follows its creator's role change and removal on the very next request", async () => {
    const { owner, member } = await ownerAndMember('Boss', 'Keymaker', 'owner');
    const memberAsOwner = { ...member.caller, workspaceId: owner.caller.workspaceId, role: 'owner' as const };
    const { key } = await createApiKey(memberAsOwner, { name: 'deploys', role: 'owner' });
    expect(await authenticate(bearer(key))).toMatchObject({ workspaceId: owner.caller.workspaceId, role: 'owner' });

    await changeMemberRole(owner.caller, { user_id: member.userId, role: 'viewer' });
    expect(await authenticate(bearer(key))).toMatchObject({ role: 'viewer' });
    expect(await authenticate(member.headers)).toMatchObject({ workspaceId: member.caller.workspaceId, role: 'owner' });

    await removeMember(owner.caller, { user_id: member.userId });
    expect(await authenticate(bearer(key))).toBeNull();
  });

  it('a session switching workspace acts in the new one on the very next request', async () => {
    const { owner, member: guest } = await ownerAndMember('Host', 'Visitor', 'editor');
    expect(await authenticate(guest.headers)).toMatchObject({ workspaceId: guest.caller.workspaceId, role: 'owner' });
    const prisma = await db();
    const session = await prisma.session.findFirstOrThrow({ where: { userId: guest.userId } });
    await switchWorkspace(session.token, guest.userId, owner.caller.workspaceId);
    expect(await authenticate(guest.headers)).toMatchObject({ workspaceId: owner.caller.workspaceId, role: 'editor' });
  });

  it('is never handed out as an object a request could change for the next one', async () => {
    const owner = await signUp('Mutator');
    const first = await authenticate(owner.headers);
    first!.role = 'viewer';
    expect(await authenticate(owner.headers)).toMatchObject({ role: 'owner' });
  });
});
