import { z } from 'zod';
import { listMyWorkspaces, createWorkspace, renameWorkspace, switchWorkspace, workspaceNameSchema } from '../../services/workspaces';
import { createTRPCRouter, ownerProcedure, protectedProcedure, publicProcedure, sessionProcedure } from '../trpc';

export const accountRouter = createTRPCRouter({
  /** Who is signed in, where they are, and what they may do; null when nobody is. */
  me: publicProcedure.query(async ({ ctx }) => {
    const user = await ctx.user();
    if (!user) return null;
    const caller = await ctx.caller();
    return {
      user: { id: user.id, name: user.name, email: user.email },
      workspace_id: caller?.workspaceId ?? null,
      role: caller?.role ?? null,
      workspaces: await listMyWorkspaces(user.id),
    };
  }),
  switchWorkspace: sessionProcedure
    .input(z.object({ workspace_id: z.string().min(1) }))
    .mutation(({ ctx, input }) => switchWorkspace(ctx.sessionUser.sessionToken, ctx.sessionUser.id, input.workspace_id)),
  createWorkspace: sessionProcedure.input(z.object({ name: workspaceNameSchema })).mutation(async ({ ctx, input }) => {
    const workspace = await createWorkspace(ctx.sessionUser.id, input.name);
    await switchWorkspace(ctx.sessionUser.sessionToken, ctx.sessionUser.id, workspace.id);
    return workspace;
  }),
  renameWorkspace: ownerProcedure
    .input(z.object({ name: workspaceNameSchema }))
    .mutation(({ ctx, input }) => renameWorkspace(ctx.caller, input.name)),
  /** The caller's own workspace and role, for API-key clients too. */
  whoami: protectedProcedure.query(({ ctx }) => ({ workspace_id: ctx.caller.workspaceId, role: ctx.caller.role, via: ctx.caller.via })),
});
