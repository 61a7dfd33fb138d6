import { db } from '../db';
import type { Prisma } from '../db/generated/client';
import { env } from '../env';
import { ApiError } from '../errors';

// Executions per workspace per minute (every trigger: runs, API calls, webhooks), counted in the database so that
// every web instance and worker shares one count. Off unless WEFT_RATE_LIMIT_EXECUTIONS_PER_MINUTE is set.

const WINDOW_MS = 60_000;

function limited(retryAfterMs: number) {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new ApiError('rate_limited', `Too many executions in this workspace; try again in ${seconds} s`, undefined, { 'Retry-After': String(seconds) });
}

/**
 * Throws 429 rate_limited when the workspace has no execution left in this minute; takes one when `take`. Given a
 * transaction (`client`), the execution taken is given back if that transaction rolls back.
 */
export async function checkExecutionRate(workspaceId: string, { take }: { take: boolean }, client?: Prisma.TransactionClient): Promise<void> {
  const limit = env().WEFT_RATE_LIMIT_EXECUTIONS_PER_MINUTE;
  if (!limit) return;
  const prisma = client ?? (await db());
  const now = new Date();
  const expired = new Date(now.getTime() - WINDOW_MS);
  if (take) {
    // One statement, so two processes taking the last execution at once cannot both get it.
    const taken = await prisma.$queryRaw<{ count: number }[]>`
      INSERT INTO "ExecutionRateWindow" ("workspaceId", "windowStart", "count") VALUES (${workspaceId}, ${now}, 1)
      ON CONFLICT ("workspaceId") DO UPDATE SET
        "windowStart" = CASE WHEN "ExecutionRateWindow"."windowStart" <= ${expired} THEN ${now} ELSE "ExecutionRateWindow"."windowStart" END,
        "count" = CASE WHEN "ExecutionRateWindow"."windowStart" <= ${expired} THEN 1 ELSE "ExecutionRateWindow"."count" + 1 END
      WHERE "ExecutionRateWindow"."windowStart" <= ${expired} OR "ExecutionRateWindow"."count" < ${limit}
      RETURNING "count"`;
    if (taken.length > 0) return;
  }
  const window = await prisma.executionRateWindow.findUnique({ where: { workspaceId } });
  if (window && window.windowStart > expired && window.count >= limit) throw limited(window.windowStart.getTime() + WINDOW_MS - now.getTime());
}

export async function resetRateLimitsForTests(): Promise<void> {
  const prisma = await db();
  await prisma.executionRateWindow.deleteMany();
}
