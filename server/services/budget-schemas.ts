import { z } from 'zod';

// The workspace's monthly budget as the API shows and takes it (tRPC and REST; the dashboard and settings read it).

export const budgetInput = z.object({
  monthly_usd: z.number().positive().max(1_000_000_000).describe('USD per UTC calendar month'),
  warn_percent: z.int().min(1).max(100).default(80).describe('from which share of the amount (in percent) the dashboard and the run panel warn'),
  stop_llm_calls: z.boolean().default(false).describe("once the month's cost reaches the amount, LLM and agent blocks fail with `budget_exceeded` before calling"),
});

const budgetLevel = z.enum(['none', 'ok', 'warn', 'exceeded']);

export const budgetStatusSchema = z.object({
  budget: z.object({ monthly_usd: z.number(), warn_percent: z.number(), stop_llm_calls: z.boolean() }).nullable().describe('null when the workspace has no budget'),
  month_start: z.string().describe('the first instant of the current UTC month (ISO 8601)'),
  spent_usd: z.number().describe("what the workspace's blocks cost since `month_start`, priced blocks only"),
  level: budgetLevel.describe('`none` without a budget; `warn` from `warn_percent`; `exceeded` from the amount'),
});

export type BudgetStatus = z.infer<typeof budgetStatusSchema>;
