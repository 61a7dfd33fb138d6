import { checkHealth } from '../../services/health';
import { createTRPCRouter, publicProcedure } from '../trpc';

export const healthRouter = createTRPCRouter({
  get: publicProcedure.query(() => checkHealth()),
});
