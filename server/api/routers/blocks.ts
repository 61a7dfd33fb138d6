import { blockCatalog } from '../../services/block-catalog';
import { createTRPCRouter, protectedProcedure } from '../trpc';

export const blocksRouter = createTRPCRouter({
  catalog: protectedProcedure.query(() => blockCatalog()),
});
