import { activeExecutionStatuses } from '@/lib/execution-states';
import { db } from '../db';
import type { Prisma } from '../db/generated/client';
import { scheduleTrigger } from '../triggers/schedule';
import { launchFromTrigger } from './triggers';

// The schedule loop every server process runs. A due schedule's tick is fired by a conditional update of its
// nextRunAt (from that tick to the next one) in the transaction that records the execution: with any number of
// processes on one database, exactly one of them fires each tick. Ticks missed while no process ran collapse into
// one run (none with catch_up off): the next tick is always computed from now, never from the missed one.

const LOOP_EVERY_MS = 5_000;
/** A tick fired later than this counts as missed (the loop was not running), for catch_up. */
const MISSED_AFTER_MS = 60_000;
const BATCH = 100;

type DueSchedule = Prisma.TriggerGetPayload<{ include: { workflow: { include: { deployedVersion: true } } } }>;

class TickTaken extends Error {}

/** Moves a tick on without running it (skipped, missed, or refused); a no-op when another process moved it first. */
async function advance(row: DueSchedule, next: Date | null): Promise<false> {
  const prisma = await db();
  await prisma.trigger.updateMany({ where: { id: row.id, nextRunAt: row.nextRunAt }, data: { nextRunAt: next } });
  return false;
}

/** Fires one due tick, if this process wins it; returns whether an execution started. */
async function fireSchedule(row: DueSchedule, now: Date): Promise<boolean> {
  const tick = row.nextRunAt!;
  const config = scheduleTrigger.config.parse(row.config);
  const next = scheduleTrigger.fireTimes!(config, now, 1)[0] ?? null;
  if (!config.catch_up && now.getTime() - tick.getTime() > MISSED_AFTER_MS) return advance(row, next);
  if (config.overlap !== 'allow') {
    const prisma = await db();
    const running = await prisma.execution.count({ where: { triggerId: row.id, status: { in: [...activeExecutionStatuses] } } });
    // `queue` leaves the tick due, so it fires (once) as soon as the run before it has ended.
    if (running > 0) return config.overlap === 'skip' ? advance(row, next) : false;
  }
  try {
    await launchFromTrigger(row, { scheduled_at: tick.toISOString() }, async (tx) => {
      const { count } = await tx.trigger.updateMany({ where: { id: row.id, enabled: true, nextRunAt: tick }, data: { nextRunAt: next, lastFiredAt: now } });
      if (count === 0) throw new TickTaken();
    });
    return true;
  } catch (error) {
    if (error instanceof TickTaken) return false;
    // A graph or input the deployed version refuses, or the rate limit: this tick is lost, the next one comes.
    console.error(`[weft] schedule ${row.id} could not fire: ${(error as Error).message}`);
    return advance(row, next);
  }
}

/** Fires every schedule due at `now` whose workflow is deployed; returns how many executions this call started. */
export async function fireDueSchedules(now = new Date()): Promise<number> {
  const prisma = await db();
  const due = await prisma.trigger.findMany({
    where: { kind: scheduleTrigger.kind, enabled: true, nextRunAt: { lte: now }, workflow: { deployedVersionId: { not: null } } },
    include: { workflow: { include: { deployedVersion: true } } },
    orderBy: { nextRunAt: 'asc' },
    take: BATCH,
  });
  let fired = 0;
  for (const row of due) if (await fireSchedule(row, now)) fired++;
  return fired;
}

/** Started once per server process (server/startup.ts); a round still going when the next is due is not doubled. */
export function startScheduler(): void {
  let running = false;
  const round = async () => {
    if (running) return;
    running = true;
    try {
      await fireDueSchedules();
    } catch (error) {
      console.error(`[weft] scheduler round failed: ${(error as Error).message}`);
    } finally {
      running = false;
    }
  };
  setInterval(() => void round(), LOOP_EVERY_MS).unref();
}
