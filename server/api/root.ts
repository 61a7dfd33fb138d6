import { accountRouter } from './routers/account';
import { apiKeysRouter } from './routers/api-keys';
import { credentialsRouter } from './routers/credentials';
import { healthRouter } from './routers/health';
import { invitationsRouter, membersRouter } from './routers/members';
import { blocksRouter } from './routers/blocks';
import { deploymentsRouter } from './routers/deployments';
import { executionsRouter } from './routers/executions';
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
  workflows: workflowsRouter,
  executions: executionsRouter,
  blocks: blocksRouter,
  deployments: deploymentsRouter,
  triggers: triggersRouter,
});

export type AppRouter = typeof appRouter;
