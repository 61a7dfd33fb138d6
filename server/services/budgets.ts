import type { z } from 'zod';
import { requireRole, type Caller } from '../auth/caller';
import { db } from '../db';
import { BlockError } from '../run-capabilities';
import { budgetInput, type BudgetStatus } from './budget-schemas';

// Per-workspace monthly budgets: what the month's model calls cost so far against the amount an owner set. The
// dashboard and the run panel read the level; model calls ask `checkModelBudget` before they reach a provider.

/** The first instant of `now`'s calendar month in UTC. */
function monthStart(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
}

/**
 * The cost of the workspace's blocks since `since`, from block logs rather than executions, so the blocks of
 * executions still running count too.
 */
async function spentSince(workspaceId: string, since: Date): Promise<number> {
  const prisma = await db();
  const [row] = await prisma.$queryRaw<{ spent: number | null }[]>`
    SELECT sum(b."costUsd") AS "spent"
    FROM "BlockLog" b JOIN "Execution" e ON e."id" = b."executionId"
    WHERE e."workspaceId" = ${workspaceId} AND e."createdAt" >= ${since}`;
  return Number(row?.spent ?? 0);
}

type BudgetRow = { monthlyUsd: number; warnPercent: number; stopLlmCalls: boolean } | null;

async function workspaceBudgetStatus(workspaceId: string, known?: BudgetRow): Promise<BudgetStatus> {
  const prisma = await db();
  const start = monthStart(new Date());
  const [row, spent] = await Promise.all([known === undefined ? prisma.workspaceBudget.findUnique({ where: { workspaceId } }) : known, spentSince(workspaceId, start)]);
  const budget = row ? { monthly_usd: row.monthlyUsd, warn_percent: row.warnPercent, stop_llm_calls: row.stopLlmCalls } : null;
  let level: BudgetStatus['level'] = 'none';
  if (budget) {
    if (spent >= budget.monthly_usd) level = 'exceeded';
    else if (spent >= (budget.monthly_usd * budget.warn_percent) / 100) level = 'warn';
    else level = 'ok';
  }
  return { budget, month_start: start.toISOString(), spent_usd: spent, level };
}

/** The workspace's budget, the month's spending and where it stands; anyone in the workspace may read it. */
export function budgetStatus(caller: Caller): Promise<BudgetStatus> {
  return workspaceBudgetStatus(caller.workspaceId);
}

export async function setBudget(caller: Caller, input: z.input<typeof budgetInput>): Promise<BudgetStatus> {
  requireRole(caller, 'owner');
  const budget = budgetInput.parse(input);
  const data = { monthlyUsd: budget.monthly_usd, warnPercent: budget.warn_percent, stopLlmCalls: budget.stop_llm_calls };
  const prisma = await db();
  await prisma.workspaceBudget.upsert({ where: { workspaceId: caller.workspaceId }, create: { workspaceId: caller.workspaceId, ...data }, update: data });
  return workspaceBudgetStatus(caller.workspaceId);
}

export async function removeBudget(caller: Caller): Promise<BudgetStatus> {
  requireRole(caller, 'owner');
  const prisma = await db();
  await prisma.workspaceBudget.deleteMany({ where: { workspaceId: caller.workspaceId } });
  return workspaceBudgetStatus(caller.workspaceId);
}

const usd = (amount: number) => `$${amount.toFixed(2)}`;

/**
 * Asked before each model call of a run. Refuses (a `budget_exceeded` BlockError, not retried) once the month's
 * cost reached a budget set to stop model calls; otherwise returns a warning for the block log when past the warn
 * share or the amount, else null.
 */
export async function checkModelBudget(workspaceId: string): Promise<string | null> {
  // Most workspaces set no budget: then a model call costs one primary-key read, not a month's sum.
  const row = await (await db()).workspaceBudget.findUnique({ where: { workspaceId } });
  if (!row) return null;
  const status = await workspaceBudgetStatus(workspaceId, row);
  const { budget, spent_usd: spent } = status;
  if (!budget || status.level === 'ok') return null;
  const figures = `${usd(spent)} of the workspace's ${usd(budget.monthly_usd)} monthly budget`;
  if (status.level === 'exceeded' && budget.stop_llm_calls) {
    throw new BlockError(`The workspace's monthly budget is spent (${figures}), so model calls are stopped until next month or until an owner raises it`, 'budget_exceeded', false);
  }
  return status.level === 'exceeded' ? `Over budget: ${figures} spent this month` : `Budget warning: ${figures} spent this month`;
}
