import { apiKeyIdInput, createApiKey, createApiKeyInput, listApiKeys, revokeApiKey } from '../../services/api-keys';
import { createTRPCRouter, ownerProcedure } from '../trpc';

export const apiKeysRouter = createTRPCRouter({
  list: ownerProcedure.query(({ ctx }) => listApiKeys(ctx.caller)),
  create: ownerProcedure.input(createApiKeyInput).mutation(({ ctx, input }) => createApiKey(ctx.caller, input)),
  revoke: ownerProcedure.input(apiKeyIdInput).mutation(({ ctx, input }) => revokeApiKey(ctx.caller, input.id)),
});
