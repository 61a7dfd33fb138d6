import { debugRunInput, listPins, pinInput, pinOutput, startDebugRun, unpinInput, unpinOutput } from '../../services/debug-runs';
import { z } from 'zod';
import { createTRPCRouter, editorProcedure, protectedProcedure } from '../trpc';

/** The editor's debug loop: pinned outputs and partial test runs (followed like any run, on its SSE stream). */
export const debugRouter = createTRPCRouter({
  pins: protectedProcedure.input(z.object({ workflow_id: z.string().min(1) })).query(({ ctx, input }) => listPins(ctx.caller, input.workflow_id)),
  pin: editorProcedure.input(pinInput).mutation(({ ctx, input }) => pinOutput(ctx.caller, input)),
  unpin: editorProcedure.input(unpinInput).mutation(({ ctx, input }) => unpinOutput(ctx.caller, input)),
  run: editorProcedure.input(debugRunInput).mutation(async ({ ctx, input }) => ({ execution_id: (await startDebugRun(ctx.caller, input)).id })),
});
