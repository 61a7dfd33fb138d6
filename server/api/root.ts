import { accountRouter } from './routers/account';
import { apiKeysRouter } from './routers/api-keys';
import { credentialsRouter } from './routers/credentials';
import { dashboardRouter } from './routers/dashboard';
import { healthRouter } from './routers/health';
import { invitationsRouter, membersRouter } from './routers/members';
import { mcpServersRouter } from './routers/mcp-servers';
import { blocksRouter } from './routers/blocks';
import { debugRouter } from './routers/debug-runs';
import { deploymentsRouter } from './routers/deployments';
import { executionsRouter } from './routers/executions';
import { modelPricesRouter } from './routers/model-prices';
import { triggersRouter } from './routers/triggers';
import { workflowsRouter } from './routers/workflows';
import { createTRPCRouter } from './trpc';

export const appRouter = createTRPCRouter({
  health: healthRouter,
  account: accountRouter,
  apiKeys: apiKeysRouter,
  members: membersRouter,
  invitations: invitationsRouter,
  credentials: credentialsRouter,
  mcpServers: mcpServersRouter,
  modelPrices: modelPricesRouter,
  workflows: workflowsRouter,
  executions: executionsRouter,
  blocks: blocksRouter,
  deployments: deploymentsRouter,
  debug: debugRouter,
  triggers: triggersRouter,
  dashboard: dashboardRouter,
});

export type AppRouter = typeof appRouter;
