import { budgetInput } from '../../services/budget-schemas';
import { budgetStatus, removeBudget, setBudget } from '../../services/budgets';
import { workspaceDashboard } from '../../services/dashboard';
import { dashboardQuery } from '../../services/dashboard-schemas';
import { createTRPCRouter, ownerProcedure, protectedProcedure } from '../trpc';

export const dashboardRouter = createTRPCRouter({
  get: protectedProcedure.input(dashboardQuery).query(({ ctx, input }) => workspaceDashboard(ctx.caller, input)),
  budget: protectedProcedure.query(({ ctx }) => budgetStatus(ctx.caller)),
  setBudget: ownerProcedure.input(budgetInput).mutation(({ ctx, input }) => setBudget(ctx.caller, input)),
  removeBudget: ownerProcedure.mutation(({ ctx }) => removeBudget(ctx.caller)),
});
