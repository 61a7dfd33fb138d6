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
const TIMER_SLACK_MS = 5;
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

/**
 * When the next round is due: at once when this round fired something and a tick is due again (a slow round on a
 * busy machine), else at the soonest tick still to come (so a schedule ticking every second fires every second), and
 * at most LOOP_EVERY_MS from now (schedules saved meanwhile; ticks held back by overlap "queue" are looked at again
 * then, not in a busy loop).
 */
async function msUntilNextRound(now: Date, firedAny: boolean): Promise<number> {
  const prisma = await db();
  const live = { kind: scheduleTrigger.kind, enabled: true, workflow: { deployedVersionId: { not: null } } };
  if (firedAny && (await prisma.trigger.count({ where: { ...live, nextRunAt: { lte: now } } })) > 0) return 0;
  const soonest = await prisma.trigger.findFirst({ where: { ...live, nextRunAt: { gt: now } }, orderBy: { nextRunAt: 'asc' }, select: { nextRunAt: true } });
  if (!soonest?.nextRunAt) return LOOP_EVERY_MS;
  // A timer may fire a millisecond early; the round must find the tick due.
  return Math.min(LOOP_EVERY_MS, soonest.nextRunAt.getTime() - now.getTime() + TIMER_SLACK_MS);
}

/**
 * Started once per server process (server/startup.ts). Each round sets the timer for the next one when it ends, so
 * rounds never overlap within a process; across processes every round races for the same ticks, and the claim in
 * fireSchedule lets one win each.
 */
export function startScheduler(): void {
  const round = async () => {
    let wait = LOOP_EVERY_MS;
    try {
      const fired = await fireDueSchedules();
      wait = await msUntilNextRound(new Date(), fired > 0);
    } catch (error) {
      console.error(`[weft] scheduler round failed: ${(error as Error).message}`);
    }
    setTimeout(() => void round(), wait).unref();
  };
  setTimeout(() => void round(), 0).unref();
}
