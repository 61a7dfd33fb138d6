import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { chain } from '@/server/test/graphs';
import { PrismaClient } from '../db/generated/client';
import { setupTestDatabase } from '../test/database';
import { ExecutionRecorder } from './recorder';
import type { BlockLogRecord } from './run-graph';

const database = setupTestDatabase();

/**
 * A Prisma client on the test database (PostgreSQL), or on a PGlite of its own from the same migrated template,
 * that logs every SQL statement it sends: what the recorder costs in round trips, counted by Prisma itself.
 */
let logged: { prisma: PrismaClient; statements: string[]; close(): Promise<void> };

beforeAll(async () => {
  const statements: string[] = [];
  const log = [{ emit: 'event', level: 'query' }] as const;
  const url = database().url;
  if (url) {
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool), log: [...log] });
    prisma.$on('query', (event) => statements.push(event.query));
    logged = { prisma, statements, close: async () => (await prisma.$disconnect(), await pool.end()) };
  } else {
    const pglite = await PGlite.create({ loadDataDir: new Blob([fs.readFileSync(inject('pgliteTemplate'))]) });
    const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite), log: [...log] });
    prisma.$on('query', (event) => statements.push(event.query));
    logged = { prisma, statements, close: async () => (await prisma.$disconnect(), await pglite.close()) };
  }
}, 60_000);

afterAll(async () => logged.close());

async function newExecution(prisma = database().prisma) {
  const workspace = await prisma.workspace.create({ data: { name: 'recorder' } });
  const workflow = await prisma.workflow.create({ data: { workspaceId: workspace.id, name: 'w', graph: chain() } });
  return prisma.execution.create({
    data: { workspaceId: workspace.id, workflowId: workflow.id, version: 1, graph: chain(), trigger: 'api', input: {}, status: 'running' },
  });
}

function blockLog(blockId: string, blockType: string, executionOrder: number): BlockLogRecord {
  const at = new Date();
  return {
    blockId,
    blockType,
    blockName: null,
    status: 'success',
    input: {},
    output: { counter: executionOrder },
    error: null,
    startedAt: at,
    completedAt: at,
    durationMs: 1,
    executionOrder,
    attempts: 1,
    usage: null,
    console: [],
    iteration: [],
  };
}

describe('the execution recorder', () => {
  it('numbers events and persists all of them in order, batched', async () => {
    const execution = await newExecution();
    const recorder = new ExecutionRecorder(database().prisma, execution.id);
    for (let i = 0; i < 50; i++) recorder.emit({ type: 'block_chunk', block_id: 'llm', block_type: 'llm', chunk: `t${i}` });
    await recorder.flush();
    const rows = await database().prisma.executionEvent.findMany({ where: { executionId: execution.id }, orderBy: { seq: 'asc' } });
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect((rows[49].data as { chunk: string }).chunk).toBe('t49');
  });

  it('still finishes a flush after an event arrived while a delayed write was in flight', async () => {
    const execution = await newExecution();
    const recorder = new ExecutionRecorder(database().prisma, execution.id);
    recorder.emit({ type: 'block_start', block_id: 'a', block_type: 'code' });
    // Fires right after the recorder's own delayed write has started, so 'b' arrives while 'a' is being written
    // and the next delayed write then finds nothing left to write.
    await new Promise<void>((resolve) =>
      setTimeout(() => {
        recorder.emit({ type: 'block_start', block_id: 'b', block_type: 'code' });
        resolve();
      }, 25),
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    const done = await Promise.race([recorder.flush().then(() => 'flushed'), new Promise((r) => setTimeout(() => r('hung'), 2_000))]);
    expect(done).toBe('flushed');
    expect(await database().prisma.executionEvent.count({ where: { executionId: execution.id } })).toBe(2);
  });

  it('writes a run of twenty code blocks, its events and its outcome in one statement', async () => {
    const execution = await newExecution(logged.prisma);
    let written = 0;
    const recorder = new ExecutionRecorder(logged.prisma, execution.id, undefined, 0, async () => void written++);
    logged.statements.length = 0;
    recorder.emit({ type: 'execution_start', workflow_id: execution.workflowId, started_at: new Date().toISOString() });
    for (let i = 1; i <= 20; i++) {
      recorder.emit({ type: 'block_start', block_id: `c${i}`, block_type: 'code' });
      recorder.emit({ type: 'block_complete', block_id: `c${i}`, block_type: 'code', data: { output: { counter: i } }, duration_ms: 1 });
      await recorder.blockFinished(blockLog(`c${i}`, 'code', i));
    }
    recorder.emit({ type: 'done', status: 'completed', output: { counter: 20 }, duration_ms: 30 });
    await recorder.finish({ status: 'completed', completedAt: new Date(), lastEventSeq: recorder.lastSeq });

    // One statement per row would be 42 events + 20 block logs + 1 update; batched it is one statement: an INSERT
    // per table as data-modifying CTEs, then the UPDATE (no BEGIN or COMMIT: one statement is atomic on its own).
    expect(logged.statements).toHaveLength(1);
    expect(logged.statements[0]).toMatch(/^WITH .*INSERT INTO "ExecutionEvent".*INSERT INTO "BlockLog".*UPDATE "Execution"/s);
    expect(written).toBe(1);
    const prisma = logged.prisma;
    const events = await prisma.executionEvent.findMany({ where: { executionId: execution.id }, orderBy: { seq: 'asc' } });
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 42 }, (_, i) => i + 1));
    expect(events.at(-1)?.type).toBe('done');
    expect(await prisma.blockLog.count({ where: { executionId: execution.id } })).toBe(20);
    expect(await prisma.execution.findUniqueOrThrow({ where: { id: execution.id } })).toMatchObject({ status: 'completed', lastEventSeq: 42 });
  });

  it('writes the log of a block with outside effects before the run goes on', async () => {
    const execution = await newExecution();
    const recorder = new ExecutionRecorder(database().prisma, execution.id);
    recorder.emit({ type: 'block_complete', block_id: 'call', block_type: 'http', data: { output: {} }, duration_ms: 1 });
    await recorder.blockFinished(blockLog('call', 'http', 1));
    // A crash now must not run the request again: its log and events are already in the database.
    expect(await database().prisma.blockLog.count({ where: { executionId: execution.id } })).toBe(1);
    expect(await database().prisma.executionEvent.count({ where: { executionId: execution.id } })).toBe(1);
  });

  it('stores every value as given: key order, nested nulls, SQL NULL for null, UTC timestamps, fractions', async () => {
    const execution = await newExecution();
    const recorder = new ExecutionRecorder(database().prisma, execution.id);
    const output = { z: 1, a: [null, 'é ✓ 🎉', { y: null, b: -0.5 }], "it's": '"quoted"\n' };
    recorder.emit({ type: 'block_complete', block_id: 'c1', block_type: 'code', data: { output }, duration_ms: 1.25 });
    const log = { ...blockLog('c1', 'code', 1), input: null, output, startedAt: new Date('2026-12-01T23:59:59.123Z'), durationMs: 0.75 };
    await recorder.blockFinished({ ...log, console: [{ level: 'log', message: 'hi', at: '2026-12-01T00:00:00.000Z' }], iteration: [2, 0] });
    const completedAt = new Date('2026-12-02T00:00:00.456Z');
    const waits = [{ block_id: 'c1', kind: 'approval', resume_at: null, message: 'ok?', on_timeout: 'fail' }];
    const written = await recorder.finish({ status: 'waiting', waitingOn: waits, blockOutputs: { c1: output }, usage: null, costUsd: 0.125, completedAt, durationMs: 2.5, lastEventSeq: 1 });

    const { prisma } = database();
    const [event] = await prisma.executionEvent.findMany({ where: { executionId: execution.id } });
    expect(JSON.stringify(event.data)).toBe(JSON.stringify({ type: 'block_complete', execution_id: execution.id, block_id: 'c1', block_type: 'code', data: { output }, duration_ms: 1.25, at: (event.data as { at: string }).at }));
    const stored = await prisma.blockLog.findFirstOrThrow({ where: { executionId: execution.id } });
    expect(JSON.stringify(stored.output)).toBe(JSON.stringify(output));
    expect(stored).toMatchObject({ input: null, error: null, usage: null, startedAt: log.startedAt, durationMs: 0.75, iteration: '2.0', status: 'success' });
    expect(stored.console).toEqual([{ level: 'log', message: 'hi', at: '2026-12-01T00:00:00.000Z' }]);
    const row = await prisma.execution.findUniqueOrThrow({ where: { id: execution.id } });
    expect(row).toMatchObject({ status: 'waiting', waitingOn: waits, usage: null, costUsd: 0.125, completedAt, durationMs: 2.5, lastEventSeq: 1, output: null });
    expect(JSON.stringify(row.blockOutputs)).toBe(JSON.stringify({ c1: output }));
    // What `finish` returns reads exactly like the row: jsonb's key order included.
    expect(JSON.stringify(written?.waitingOn)).toBe(JSON.stringify(row.waitingOn));
  });

  it('never reports completed an execution cancelled while its last batch waited', async () => {
    const execution = await newExecution();
    const recorder = new ExecutionRecorder(database().prisma, execution.id);
    recorder.emit({ type: 'block_complete', block_id: 'c1', block_type: 'code', data: { output: {} }, duration_ms: 1 });
    await recorder.blockFinished(blockLog('c1', 'code', 1));
    await database().prisma.execution.update({ where: { id: execution.id }, data: { status: 'cancelled' } });
    recorder.emit({ type: 'done', status: 'completed', output: {}, duration_ms: 1 });
    // Not set, so the caller reads the row rather than answer with an outcome that is not there.
    expect(await recorder.finish({ status: 'completed', lastEventSeq: recorder.lastSeq })).toBeNull();
    expect((await database().prisma.execution.findUniqueOrThrow({ where: { id: execution.id } })).status).toBe('cancelled');
    // What ran is still on record.
    expect(await database().prisma.blockLog.count({ where: { executionId: execution.id } })).toBe(1);
  });
});
