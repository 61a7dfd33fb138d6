import { afterAll, describe, expect, it } from 'vitest';
import { activeExecutionStatuses } from '@/lib/execution-states';
import { db } from '../db';
import { setupTestDatabase } from '../test/database';
import { createTestWorkspace } from '../test/fixtures';
import { edge, graph, inputBlock, outputBlock } from '../test/graphs';
import { startTestServerProcess, type TestProcess } from '../test/processes';
import { deployWorkflow } from './deployments';
import { createTrigger, updateTrigger } from './triggers';
import { createWorkflow } from './workflows';

// Two server processes (separate OS processes, each running the schedule loop as every server does) on one
// PostgreSQL database race for the ticks of a schedule that ticks every second: each tick starts one run, not two.

const postgres = Boolean(process.env.TEST_DATABASE_URL);
const database = setupTestDatabase();
let servers: TestProcess[] = [];

afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop()));
});

/** Polls the database until `done` holds (a state the processes reach, not a time). */
async function until(done: () => Promise<boolean>) {
  while (!(await done())) await new Promise((resolve) => setTimeout(resolve, 100));
}

const TICKS = 6;

describe.skipIf(!postgres)('schedules with two server processes on one PostgreSQL', () => {
  it('fire each tick of an every-second schedule exactly once', { timeout: 120_000 }, async () => {
    servers = await Promise.all([startTestServerProcess(database().url!), startTestServerProcess(database().url!)]);
    const ws = await createTestWorkspace('Two servers');
    const workflow = await createWorkflow(
      ws.owner,
      { name: 'Every second' },
      graph([inputBlock(), outputBlock('output', { value: '{{input.scheduled_at}}' })], [edge('input', 'output')]),
    );
    await deployWorkflow(ws.owner, workflow.id);
    const trigger = await createTrigger(ws.owner, workflow.id, { kind: 'schedule', config: { cron: '* * * * * *', overlap: 'allow' } }, 'http://weft.test');

    const prisma = await db();
    await until(async () => (await prisma.execution.count({ where: { triggerId: trigger.id } })) >= TICKS);
    await updateTrigger(ws.owner, workflow.id, trigger.id, { enabled: false }, 'http://weft.test');
    await until(async () => (await prisma.execution.count({ where: { triggerId: trigger.id, status: { in: [...activeExecutionStatuses] } } })) === 0);

    const runs = await prisma.execution.findMany({ where: { triggerId: trigger.id }, orderBy: { createdAt: 'asc' } });
    const ticks = runs.map((run) => (run.input as { scheduled_at: string }).scheduled_at);
    expect(runs.length).toBeGreaterThanOrEqual(TICKS);
    // One run per tick: no tick twice, each on a whole second, in the order of the clock.
    expect(new Set(ticks).size).toBe(ticks.length);
    expect(ticks.every((tick) => tick.endsWith('.000Z'))).toBe(true);
    expect([...ticks].sort()).toEqual(ticks);
    // The runs were started by the two server processes (runner ids name the process), not by this one.
    const pids = new Set(servers.map((server) => String(server.process.pid)));
    expect(runs.every((run) => pids.has(run.runnerId?.split(':')[1] ?? ''))).toBe(true);
    expect(runs.map((run) => run.status)).toEqual(runs.map(() => 'completed'));
    expect(runs.map((run) => run.output)).toEqual(ticks);
  });
});
