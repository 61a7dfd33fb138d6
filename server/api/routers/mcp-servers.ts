import { mcpServerNameInput, putMcpServerInput } from '../../services/mcp-server-schemas';
import { deleteMcpServer, listMcpServers, putMcpServer } from '../../services/mcp-servers';
import { createTRPCRouter, editorProcedure, protectedProcedure } from '../trpc';

export const mcpServersRouter = createTRPCRouter({
  list: protectedProcedure.query(({ ctx }) => listMcpServers(ctx.caller)),
  put: editorProcedure.input(putMcpServerInput).mutation(({ ctx, input }) => putMcpServer(ctx.caller, input)),
  delete: editorProcedure.input(mcpServerNameInput).mutation(({ ctx, input }) => deleteMcpServer(ctx.caller, input.name)),
});
