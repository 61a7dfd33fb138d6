import { z } from 'zod';
import { env } from '../../env';
import { publicOrigin } from '../../http/origin';
import { executeInput, listExecutionsQuery, rerunInput, resumeInput } from '../../services/execution-schemas';
import { cancelExecution } from '../../services/executions/cancel';
import { startExecution } from '../../services/executions/launch';
import { approvalLinks } from '../../services/executions/approval-links';
import { startRerun } from '../../services/executions/rerun';
import { resumeExecution } from '../../services/executions/resume';
import { getBlockLogs, getExecutionDetail, listExecutions } from '../../services/executions/reads';
import { deleteAllExecutions, historyQuery, searchExecutions } from '../../services/execution-history';
import { createTRPCRouter, editorProcedure, protectedProcedure } from '../trpc';

const workflowRef = z.object({ workflow_id: z.string().min(1) });
const executionRef = workflowRef.extend({ execution_id: z.string().min(1) });

export const executionsRouter = createTRPCRouter({
  list: protectedProcedure
    .input(workflowRef.extend({ query: listExecutionsQuery.optional() }))
    .query(({ ctx, input }) => listExecutions(ctx.caller, input.workflow_id, input.query ?? {})),
  /** The execution with the graph as it ran (`graph: {blocks, edges}`), for the detail page. */
  get: protectedProcedure.input(executionRef).query(({ ctx, input }) => getExecutionDetail(ctx.caller, input.workflow_id, input.execution_id)),
  logs: protectedProcedure.input(executionRef).query(({ ctx, input }) => getBlockLogs(ctx.caller, input.workflow_id, input.execution_id)),
  /**
   * Starts a run from the editor and answers with its id at once; the UI follows it live on
   * GET /api/workflows/{id}/executions/{eid}/stream (server-sent events, same service as the REST API).
   */
  start: editorProcedure.input(workflowRef.extend({ body: executeInput })).mutation(async ({ ctx, input }) => {
    const { id } = await startExecution(ctx.caller, input.workflow_id, input.body, { trigger: 'manual', capMs: env().WEFT_STREAM_EXECUTION_TIMEOUT_MS });
    return { execution_id: id };
  }),
  /** The execution page's Re-run dialog (same service as POST .../rerun): answers with the new execution's id at once. */
  rerun: editorProcedure.input(executionRef.extend({ body: rerunInput })).mutation(async ({ ctx, input }) => {
    const { id } = await startRerun(ctx.caller, input.workflow_id, input.execution_id, input.body, { trigger: 'manual', capMs: env().WEFT_STREAM_EXECUTION_TIMEOUT_MS });
    return { execution_id: id };
  }),
  /** The history pages: workspace-wide or one workflow's, filtered and searched. */
  search: protectedProcedure.input(historyQuery).query(({ ctx, input }) => searchExecutions(ctx.caller, input)),
  deleteAll: editorProcedure.input(workflowRef).mutation(({ ctx, input }) => deleteAllExecutions(ctx.caller, input.workflow_id)),
  cancel: editorProcedure.input(executionRef).mutation(({ ctx, input }) => cancelExecution(ctx.caller, input.workflow_id, input.execution_id)),
  /** The approve/reject buttons of a waiting execution (same service as POST .../resume). */
  resume: editorProcedure
    .input(executionRef.extend({ body: resumeInput }))
    .mutation(({ ctx, input }) => resumeExecution(ctx.caller, input.workflow_id, input.execution_id, input.body)),
  /** Signed links to approve or reject without signing in (same service as GET .../approval-links). */
  approvalLinks: editorProcedure
    .input(executionRef)
    .query(({ ctx, input }) => approvalLinks(ctx.caller, input.workflow_id, input.execution_id, publicOrigin(ctx.headers, ctx.url))),
});
