import { z } from 'zod';
import { publicOrigin } from '../../http/origin';
import { createTriggerInput, schedulePreviewInput, updateTriggerInput } from '../../services/trigger-schemas';
import { createTrigger, deleteTrigger, listTriggers, previewSchedule, updateTrigger } from '../../services/triggers';
import { triggerKindCatalog } from '../../triggers/registry';
import { createTRPCRouter, editorProcedure, protectedProcedure } from '../trpc';

const workflowRef = z.object({ workflow_id: z.string().min(1) });
const triggerRef = workflowRef.extend({ trigger_id: z.string().min(1) });

export const triggersRouter = createTRPCRouter({
  /** The kinds of trigger there are, with their labels and descriptions, from the one registry. */
  kinds: protectedProcedure.query(() => triggerKindCatalog()),
  list: protectedProcedure.input(workflowRef).query(({ ctx, input }) => listTriggers(ctx.caller, input.workflow_id, publicOrigin(ctx.headers, ctx.url))),
  create: editorProcedure
    .input(workflowRef.extend({ trigger: createTriggerInput }))
    .mutation(({ ctx, input }) => createTrigger(ctx.caller, input.workflow_id, input.trigger, publicOrigin(ctx.headers, ctx.url))),
  update: editorProcedure
    .input(triggerRef.extend({ patch: updateTriggerInput }))
    .mutation(({ ctx, input }) => updateTrigger(ctx.caller, input.workflow_id, input.trigger_id, input.patch, publicOrigin(ctx.headers, ctx.url))),
  delete: editorProcedure.input(triggerRef).mutation(async ({ ctx, input }) => {
    await deleteTrigger(ctx.caller, input.workflow_id, input.trigger_id);
    return { id: input.trigger_id, deleted: true };
  }),
  /** The next fire times of a cron expression as typed, before it is saved. */
  previewSchedule: protectedProcedure.input(schedulePreviewInput).query(({ input }) => previewSchedule(input)),
});
