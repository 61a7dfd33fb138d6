import { z } from 'zod';
import {
  acceptInvitation,
  changeMemberRole,
  changeRoleInput,
  createInvitation,
  createInvitationInput,
  invitationTokenInput,
  listInvitations,
  listMembers,
  removeMember,
  removeMemberInput,
  revokeInvitation,
} from '../../services/members';
import { previewInvitation } from '../../auth/invitation-token';
import { switchWorkspace } from '../../services/workspaces';
import { createTRPCRouter, ownerProcedure, protectedProcedure, publicProcedure, sessionProcedure } from '../trpc';

export const membersRouter = createTRPCRouter({
  list: protectedProcedure.query(({ ctx }) => listMembers(ctx.caller)),
  changeRole: ownerProcedure.input(changeRoleInput).mutation(({ ctx, input }) => changeMemberRole(ctx.caller, input)),
  remove: ownerProcedure.input(removeMemberInput).mutation(({ ctx, input }) => removeMember(ctx.caller, input)),
});

export const invitationsRouter = createTRPCRouter({
  list: ownerProcedure.query(({ ctx }) => listInvitations(ctx.caller)),
  create: ownerProcedure.input(createInvitationInput).mutation(({ ctx, input }) => createInvitation(ctx.caller, input)),
  revoke: ownerProcedure.input(z.object({ id: z.string().min(1) })).mutation(({ ctx, input }) => revokeInvitation(ctx.caller, input.id)),
  /** Public: the invite page shows what the link offers before the person signs in. */
  preview: publicProcedure.input(invitationTokenInput).query(({ input }) => previewInvitation(input.token)),
  accept: sessionProcedure.input(invitationTokenInput).mutation(async ({ ctx, input }) => {
    const joined = await acceptInvitation(ctx.sessionUser, input.token);
    await switchWorkspace(ctx.sessionUser.sessionToken, ctx.sessionUser.id, joined.workspace_id);
    return joined;
  }),
});
