import { blockCatalog } from '../../services/block-catalog';
import { llmProviderStatus } from '../../services/llm-providers';
import { createTRPCRouter, protectedProcedure } from '../trpc';

export const blocksRouter = createTRPCRouter({
  catalog: protectedProcedure.query(() => blockCatalog()),
  /** Which model providers the workspace can call now; changes with its credentials, so apart from the catalog. */
  providers: protectedProcedure.query(({ ctx }) => llmProviderStatus(ctx.caller)),
});
