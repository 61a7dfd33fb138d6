import { deleteModelPrice, listModelPrices, modelPriceRef, setModelPrice, setModelPriceInput } from '../../services/model-prices';
import { createTRPCRouter, editorProcedure, protectedProcedure } from '../trpc';

export const modelPricesRouter = createTRPCRouter({
  list: protectedProcedure.query(({ ctx }) => listModelPrices(ctx.caller)),
  set: editorProcedure.input(setModelPriceInput).mutation(({ ctx, input }) => setModelPrice(ctx.caller, input)),
  delete: editorProcedure.input(modelPriceRef).mutation(({ ctx, input }) => deleteModelPrice(ctx.caller, input.model)),
});
