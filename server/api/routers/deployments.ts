import { z } from 'zod';
import { publicOrigin } from '../../http/origin';
import { armInput, saveVersionInput } from '../../services/deployment-schemas';
import { armWebhook, deployDraft, deploymentStatus, deployWorkflow, getVersion, listVersions, restoreVersion, saveVersion, undeployWorkflow } from '../../services/deployments';
import { versionNumber } from '../../services/version-param';
import { createTRPCRouter, editorProcedure, protectedProcedure } from '../trpc';

const workflowRef = z.object({ workflow_id: z.string().min(1) });
const versionRef = workflowRef.extend({ version: versionNumber });

export const deploymentsRouter = createTRPCRouter({
  status: protectedProcedure.input(workflowRef).query(({ ctx, input }) => deploymentStatus(ctx.caller, input.workflow_id, publicOrigin(ctx.headers, ctx.url))),
  deploy: editorProcedure.input(workflowRef).mutation(({ ctx, input }) => deployWorkflow(ctx.caller, input.workflow_id)),
  deployChanges: editorProcedure.input(workflowRef).mutation(({ ctx, input }) => deployDraft(ctx.caller, input.workflow_id)),
  undeploy: editorProcedure.input(workflowRef).mutation(({ ctx, input }) => undeployWorkflow(ctx.caller, input.workflow_id)),
  arm: editorProcedure
    .input(workflowRef.extend(armInput.shape))
    .mutation(({ ctx, input }) => armWebhook(ctx.caller, input.workflow_id, { ttl_seconds: input.ttl_seconds }, publicOrigin(ctx.headers, ctx.url))),
  versions: protectedProcedure.input(workflowRef).query(({ ctx, input }) => listVersions(ctx.caller, input.workflow_id)),
  version: protectedProcedure.input(versionRef).query(({ ctx, input }) => getVersion(ctx.caller, input.workflow_id, input.version)),
  saveVersion: editorProcedure
    .input(workflowRef.extend(saveVersionInput.shape))
    .mutation(({ ctx, input }) => saveVersion(ctx.caller, input.workflow_id, input.note || null)),
  restore: editorProcedure.input(versionRef).mutation(({ ctx, input }) => restoreVersion(ctx.caller, input.workflow_id, input.version)),
});
