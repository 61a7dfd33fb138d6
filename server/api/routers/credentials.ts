import { credentialNameInput, deleteCredential, listCredentials, setCredential, setCredentialInput } from '../../services/credentials';
import { createTRPCRouter, editorProcedure, protectedProcedure } from '../trpc';

export const credentialsRouter = createTRPCRouter({
  list: protectedProcedure.query(({ ctx }) => listCredentials(ctx.caller)),
  set: editorProcedure.input(setCredentialInput).mutation(({ ctx, input }) => setCredential(ctx.caller, input)),
  delete: editorProcedure.input(credentialNameInput).mutation(({ ctx, input }) => deleteCredential(ctx.caller, input.name)),
});
