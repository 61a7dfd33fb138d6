import { z } from 'zod';

// The workspace's monthly budget as the API shows and takes it (tRPC; the dashboard and settings read it).

export const budgetInput = z.object({
  /** USD per UTC calendar month. */
  monthly_usd: z.number().positive().max(1_000_000_000),
  /** From which share of the amount (in percent) the dashboard and the run panel warn. */
  warn_percent: z.int().min(1).max(100).default(80),
  /** Once the month's cost reaches the amount, LLM and agent blocks fail with `budget_exceeded` before calling. */
  stop_llm_calls: z.boolean().default(false),
});

const budgetLevel = z.enum(['none', 'ok', 'warn', 'exceeded']);

export const budgetStatusSchema = z.object({
  budget: z.object({ monthly_usd: z.number(), warn_percent: z.number(), stop_llm_calls: z.boolean() }).nullable(),
  /** The first instant of the current UTC month (ISO 8601). */
  month_start: z.string(),
  /** What the workspace's blocks cost since `month_start`, priced blocks only. */
  spent_usd: z.number(),
  level: budgetLevel,
});

export type BudgetStatus = z.infer<typeof budgetStatusSchema>;
