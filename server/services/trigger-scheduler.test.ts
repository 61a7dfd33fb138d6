import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { db } from '../db';
import { resetEnvForTests } from '../env';
import { setupTestDatabase, waitForRunsBeforeClosing } from '../test/database';
import { createTestWorkspace, type TestWorkspace } from '../test/fixtures';
import { edge, graph, inputBlock, outputBlock } from '../test/graphs';
import { scheduleTrigger } from '../triggers/schedule';
import { deployWorkflow, undeployWorkflow } from './deployments';
import { resetRateLimitsForTests } from './rate-limit';
import { fireDueSchedules } from './trigger-scheduler';
import { createTrigger, launchFromTrigger } from './triggers';
import { createWorkflow } from './workflows';

// Schedules fired by the scheduler round with a fake clock (`now` passed in): the instants across daylight saving
// changes, no storm after downtime, overlap, and one run per tick however many schedulers race for it.

setupTestDatabase();
let ws: TestWorkspace;

beforeAll(async () => {
  ws = await createTestWorkspace();
});

/** Each test counts the runs of its own schedules: the ones before it stop. */
async function disableAllSchedules() {
  const prisma = await db();
  await prisma.trigger.updateMany({ data: { enabled: false } });
}
afterEach(disableAllSchedules);

waitForRunsBeforeClosing();

async function scheduled(config: Record<string, unknown>, clock: Date) {
  const workflow = await createWorkflow(ws.owner, { name: 'Every day' }, graph([inputBlock(), outputBlock('output', { value: '{{input.scheduled_at}}' })], [edge('input', 'output')]));
  await deployWorkflow(ws.owner, workflow.id);
  const trigger = await createTrigger(ws.owner, workflow.id, { kind: 'schedule', config } as never, 'http://weft.test');
  // As if it had been saved when the fake clock said `clock`.
  const first = scheduleTrigger.fireTimes!(scheduleTrigger.config.parse(config), clock, 1)[0];
  const prisma = await db();
  await prisma.trigger.update({ where: { id: trigger.id }, data: { nextRunAt: first } });
  return { triggerId: trigger.id, workflowId: workflow.id };
}

async function nextRunAt(triggerId: string): Promise<Date | null> {
  const prisma = await db();
  return (await prisma.trigger.findUniqueOrThrow({ where: { id: triggerId } })).nextRunAt;
}

async function firedTicks(triggerId: string): Promise<string[]> {
  const prisma = await db();
  const rows = await prisma.execution.findMany({ where: { triggerId }, orderBy: { createdAt: 'asc' } });
  return rows.map((row) => (row.input as { scheduled_at: string }).scheduled_at);
}

/** Moves the fake clock to each next tick and runs a scheduler round there, `rounds` times. */
async function runRounds(triggerId: string, rounds: number) {
  for (let i = 0; i < rounds; i++) {
    const at = await nextRunAt(triggerId);
    expect(await fireDueSchedules(new Date(at!.getTime() + 1000))).toBe(1);
  }
}

describe('the scheduler', () => {
  it('fires 02:30 Berlin once a day across the spring change (02:30 does not exist: 03:00 CEST) and the autumn one (02:30 happens twice: once)', async () => {
    const spring = await scheduled({ cron: '30 2 * * *', timezone: 'Europe/Berlin', overlap: 'allow' }, new Date('2026-03-27T12:00:00Z'));
    await runRounds(spring.triggerId, 3);
    expect(await firedTicks(spring.triggerId)).toEqual(['2026-03-28T01:30:00.000Z', '2026-03-29T01:00:00.000Z', '2026-03-30T00:30:00.000Z']);
    await disableAllSchedules();

    const autumn = await scheduled({ cron: '30 2 * * *', timezone: 'Europe/Berlin', overlap: 'allow' }, new Date('2026-10-24T12:00:00Z'));
    await runRounds(autumn.triggerId, 2);
    expect(await firedTicks(autumn.triggerId)).toEqual(['2026-10-25T00:30:00.000Z', '2026-10-26T01:30:00.000Z']);
  });

  it('fires nothing before the tick, and after a week of downtime one run only (none with catch_up off)', async () => {
    const { triggerId } = await scheduled({ cron: '0 * * * *', overlap: 'allow' }, new Date('2026-01-05T10:30:00Z'));
    expect(await fireDueSchedules(new Date('2026-01-05T10:59:59Z'))).toBe(0);
    const weekLater = new Date('2026-01-12T10:30:00Z');
    expect(await fireDueSchedules(weekLater)).toBe(1);
    expect(await fireDueSchedules(weekLater)).toBe(0);
    expect(await firedTicks(triggerId)).toEqual(['2026-01-05T11:00:00.000Z']);
    expect(await nextRunAt(triggerId)).toEqual(new Date('2026-01-12T11:00:00Z'));
    await disableAllSchedules();

    const strict = await scheduled({ cron: '0 * * * *', catch_up: false }, new Date('2026-01-05T10:30:00Z'));
    expect(await fireDueSchedules(weekLater)).toBe(0);
    expect(await firedTicks(strict.triggerId)).toEqual([]);
    expect(await nextRunAt(strict.triggerId)).toEqual(new Date('2026-01-12T11:00:00Z'));
  });

  it('fires each tick exactly once when several schedulers race for it', async () => {
    const { triggerId } = await scheduled({ cron: '*/5 * * * *' }, new Date('2026-02-01T08:01:00Z'));
    const now = new Date('2026-02-01T08:05:01Z');
    const started = await Promise.all(Array.from({ length: 4 }, () => fireDueSchedules(now)));
    expect(started.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await firedTicks(triggerId)).toEqual(['2026-02-01T08:05:00.000Z']);
  });

  it('skips a tick while the previous run is still going (overlap "skip"), keeps it due with "queue"', async () => {
    const prisma = await db();
    for (const overlap of ['skip', 'queue'] as const) {
      const { triggerId, workflowId } = await scheduled({ cron: '0 * * * *', overlap }, new Date('2026-03-01T07:30:00Z'));
      const tick = await nextRunAt(triggerId);
      // A run of this schedule that has not ended.
      const going = await prisma.execution.create({ data: { workspaceId: ws.id, workflowId, version: 1, graph: {}, input: {}, status: 'running', trigger: 'schedule', triggerId } });
      expect(await fireDueSchedules(new Date('2026-03-01T08:00:30Z'))).toBe(0);
      expect(await nextRunAt(triggerId)).toEqual(overlap === 'skip' ? new Date('2026-03-01T09:00:00Z') : tick);
      await prisma.execution.update({ where: { id: going.id }, data: { status: 'completed' } });
      // Once the run before it has ended, a queued tick fires.
      if (overlap === 'queue') expect(await fireDueSchedules(new Date('2026-03-01T08:10:00Z'))).toBe(1);
      await disableAllSchedules();
    }
  });

  it('does not fire a disabled schedule or one whose workflow is not deployed', async () => {
    const { triggerId } = await scheduled({ cron: '0 * * * *' }, new Date('2026-04-01T07:30:00Z'));
    const prisma = await db();
    await prisma.trigger.update({ where: { id: triggerId }, data: { enabled: false } });
    const undeployed = await scheduled({ cron: '0 * * * *' }, new Date('2026-04-01T07:30:00Z'));
    await undeployWorkflow(ws.owner, undeployed.workflowId);
    expect(await fireDueSchedules(new Date('2026-04-01T08:00:30Z'))).toBe(0);
  });
});

describe('the execution rate limit and racing schedulers', () => {
  beforeEach(async () => {
    process.env.WEFT_RATE_LIMIT_EXECUTIONS_PER_MINUTE = '10';
    resetEnvForTests();
    await resetRateLimitsForTests();
  });
  afterEach(async () => {
    delete process.env.WEFT_RATE_LIMIT_EXECUTIONS_PER_MINUTE;
    resetEnvForTests();
    await resetRateLimitsForTests();
  });

  async function executionsCounted(): Promise<number> {
    const prisma = await db();
    return (await prisma.executionRateWindow.findUnique({ where: { workspaceId: ws.id } }))?.count ?? 0;
  }

  it('counts nothing for a process that loses the tick', async () => {
    const { triggerId } = await scheduled({ cron: '*/5 * * * *', overlap: 'allow' }, new Date('2026-04-01T08:01:00Z'));
    const prisma = await db();
    const row = await prisma.trigger.findUniqueOrThrow({ where: { id: triggerId }, include: { workflow: { include: { deployedVersion: true } } } });
    // The loser's claim finds the tick taken (as fireSchedule's conditional update does) and refuses the launch.
    const lost = new Error('tick taken by another process');
    await expect(
      launchFromTrigger(row, { scheduled_at: row.nextRunAt!.toISOString() }, async () => {
        throw lost;
      }),
    ).rejects.toBe(lost);
    expect(await executionsCounted()).toBe(0);
  });

  it('counts one execution when several schedulers race for one tick', async () => {
    const { triggerId } = await scheduled({ cron: '*/5 * * * *', overlap: 'allow' }, new Date('2026-04-02T08:01:00Z'));
    const started = await Promise.all(Array.from({ length: 4 }, () => fireDueSchedules(new Date('2026-04-02T08:05:01Z'))));
    expect(started.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await firedTicks(triggerId)).toEqual(['2026-04-02T08:05:00.000Z']);
    expect(await executionsCounted()).toBe(1);
  });

  it('refuses a tick over the limit without using it up: the next tick fires once the minute has room', async () => {
    process.env.WEFT_RATE_LIMIT_EXECUTIONS_PER_MINUTE = '1';
    resetEnvForTests();
    const { triggerId } = await scheduled({ cron: '*/5 * * * *', overlap: 'allow' }, new Date('2026-04-03T08:01:00Z'));
    const prisma = await db();
    await prisma.executionRateWindow.create({ data: { workspaceId: ws.id, windowStart: new Date(), count: 1 } });
    expect(await fireDueSchedules(new Date('2026-04-03T08:05:01Z'))).toBe(0);
    // The refused tick is lost (moved on), not left half-claimed.
    expect(await nextRunAt(triggerId)).toEqual(new Date('2026-04-03T08:10:00Z'));
    expect(await firedTicks(triggerId)).toEqual([]);
  });
});
