import { isActive } from '@/lib/execution-states';
import { db } from '../db';
import { watchExecution } from './signals';

/** Whether the execution's row says it has ended (or it no longer exists). */
async function executionEnded(executionId: string): Promise<boolean> {
  const prisma = await db();
  const row = await prisma.execution.findUnique({ where: { id: executionId }, select: { status: true } });
  return !isActive(row?.status);
}

/** How often a waiter looks at the row anyway, in case a notification was lost (a reconnect). */
const RECHECK_MS = 1_000;

/**
 * Resolves once the execution has ended, whichever process ran it (woken by its notifications), or after
 * `withinMs`; answers whether it ended.
 */
export async function executionEnd(executionId: string, withinMs = Infinity): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  const watch = await watchExecution(executionId);
  try {
    for (;;) {
      if (await executionEnded(executionId)) return true;
      const left = deadline - Date.now();
      if (left <= 0) return false;
      await watch.next(Math.min(RECHECK_MS, left));
    }
  } finally {
    watch.stop();
  }
}
