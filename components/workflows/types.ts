import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@/server/api/root';

type Outputs = inferRouterOutputs<AppRouter>;

type WorkflowList = Outputs['workflows']['list'];
export type WorkflowSummary = WorkflowList['workflows'][number];
