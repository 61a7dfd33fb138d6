import { z } from 'zod';
import { createWorkflowInput, importWorkflowInput, listWorkflowsQuery, patchWorkflowInput, putGraphInput } from '../../services/workflow-schemas';
import {
  createWorkflow,
  deleteWorkflow,
  duplicateWorkflow,
  exportWorkflow,
  getWorkflow,
  importWorkflow,
  listWorkflows,
  saveDraft,
  updateWorkflow,
} from '../../services/workflows';
import { workflowGraphProblems } from '../../services/graph-validation';
import { createFromTemplate, fromTemplateInput } from '../../services/templates';
import { publicOrigin } from '../../http/origin';
import { createTRPCRouter, editorProcedure, protectedProcedure } from '../trpc';

const byId = z.object({ id: z.string().min(1) });

export const workflowsRouter = createTRPCRouter({
  list: protectedProcedure.input(listWorkflowsQuery).query(({ ctx, input }) => listWorkflows(ctx.caller, input)),
  /** The workflow with what is wrong with its draft, so the editor can mark problems as soon as it opens. */
  get: protectedProcedure.input(byId).query(async ({ ctx, input }) => {
    const workflow = await getWorkflow(ctx.caller, input.id);
    return { ...workflow, problems: await workflowGraphProblems({ blocks: workflow.blocks, edges: workflow.edges }, ctx.caller.workspaceId) };
  }),
  create: editorProcedure.input(createWorkflowInput).mutation(({ ctx, input }) => createWorkflow(ctx.caller, input)),
  /** Unlike REST's PATCH, renames a deployed workflow too: the editor and the list keep working while it is live. */
  update: editorProcedure
    .input(byId.extend({ patch: patchWorkflowInput }))
    .mutation(({ ctx, input }) => updateWorkflow(ctx.caller, input.id, input.patch, { whileDeployed: true })),
  delete: editorProcedure.input(byId).mutation(async ({ ctx, input }) => {
    await deleteWorkflow(ctx.caller, input.id);
    return { id: input.id, deleted: true };
  }),
  duplicate: editorProcedure.input(byId).mutation(({ ctx, input }) => duplicateWorkflow(ctx.caller, input.id)),
  /**
   * The editor's save: stores work in progress even when it does not validate yet (problems come back to be
   * shown on the canvas); deploy and run refuse invalid graphs. `version` is the If-Match precondition; the answer
   * is only `{version, problems}`.
   */
  saveGraph: editorProcedure
    .input(byId.extend({ graph: putGraphInput, version: z.number().int().optional() }))
    .mutation(({ ctx, input }) => saveDraft(ctx.caller, input.id, input.graph, input.version)),
  export: protectedProcedure.input(byId).query(({ ctx, input }) => exportWorkflow(ctx.caller, input.id)),
  import: editorProcedure.input(importWorkflowInput).mutation(({ ctx, input }) => importWorkflow(ctx.caller, input)),
  /** "Use template" in the gallery: the template's workflow, with its sub-workflow and trigger. */
  fromTemplate: editorProcedure.input(fromTemplateInput).mutation(({ ctx, input }) => createFromTemplate(ctx.caller, input, publicOrigin(ctx.headers, ctx.url))),
});
