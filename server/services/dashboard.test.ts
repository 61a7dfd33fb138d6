import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../db';
import { setupTestDatabase } from '../test/database';
import { createTestWorkspace, type TestWorkspace } from '../test/fixtures';
import { workspaceDashboard } from './dashboard';
import { createWorkflow } from './workflows';

// The dashboard's figures over a known set of executions, against sums, rates and percentiles done by hand.

setupTestDatabase();
const NOW = new Date('2026-06-15T12:30:00Z');
const hoursAgo = (hours: number) => new Date(NOW.getTime() - hours * 3_600_000);
let ws: TestWorkspace;
let alpha: string;
let beta: string;

interface Run {
  workflowId: string;
  at: Date;
  status: 'completed' | 'failed' | 'cancelled' | 'running';
  durationMs?: number;
  tokens?: [number, number];
  costUsd?: number | null;
}

async function insert(workspaceId: string, runs: Run[]) {
  const prisma = await db();
  for (const run of runs) {
    await prisma.execution.create({
      data: {
        workspaceId,
        workflowId: run.workflowId,
        version: 1,
        graph: { blocks: [], edges: [] },
        status: run.status,
        trigger: 'api',
        input: {},
        createdAt: run.at,
        durationMs: run.durationMs ?? null,
        usage: run.tokens ? { input_tokens: run.tokens[0], output_tokens: run.tokens[1] } : undefined,
        costUsd: run.costUsd ?? null,
      },
    });
  }
}

beforeAll(async () => {
  ws = await createTestWorkspace('Dashboard');
  alpha = (await createWorkflow(ws.owner, { name: 'Alpha' })).id;
  beta = (await createWorkflow(ws.owner, { name: 'Beta' })).id;
  await insert(ws.id, [
    { workflowId: alpha, at: hoursAgo(1), status: 'completed', durationMs: 100, tokens: [1000, 200], costUsd: 0.01 },
    { workflowId: alpha, at: hoursAgo(1), status: 'completed', durationMs: 300, tokens: [500, 100], costUsd: 0.02 },
    { workflowId: alpha, at: hoursAgo(3), status: 'completed', durationMs: 200, costUsd: null },
    { workflowId: alpha, at: hoursAgo(3), status: 'failed', durationMs: 400, tokens: [10, 0], costUsd: 0.001 },
    { workflowId: alpha, at: hoursAgo(5), status: 'cancelled', durationMs: 1000 },
    { workflowId: alpha, at: hoursAgo(0.1), status: 'running' },
    { workflowId: beta, at: hoursAgo(2), status: 'failed', durationMs: 50, tokens: [100, 100], costUsd: 0.5 },
    // outside the last 24 hours, inside the last 7 days
    { workflowId: beta, at: hoursAgo(48), status: 'completed', durationMs: 70, costUsd: 1 },
  ]);
  // Another workspace's run at the same time counts nowhere here.
  const other = await createTestWorkspace('Elsewhere');
  const theirs = (await createWorkflow(other.owner, { name: 'Theirs' })).id;
  await insert(other.id, [{ workflowId: theirs, at: hoursAgo(1), status: 'failed', durationMs: 5, costUsd: 9 }]);
});

describe('workspace dashboard', () => {
  it('sums runs, failures, tokens and cost and takes duration percentiles over the range', async () => {
    const board = await workspaceDashboard(ws.owner, { range: '24h' }, NOW);

    // 7 runs, 6 ended (one running), 2 failed; durations 50 100 200 300 400 1000:
    // p50 = (200 + 300) / 2; p95 at rank 0.95 × 5 = 4.75 → 400 + 0.75 × (1000 − 400)
    expect(board.totals).toEqual({
      runs: 7,
      failed: 2,
      failure_rate: 2 / 6,
      p50_ms: 250,
      p95_ms: expect.closeTo(850, 9),
      input_tokens: 1610,
      output_tokens: 400,
      cost_usd: expect.closeTo(0.531, 12),
    });
    expect(board.bucket).toBe('hour');
  });

  it('gives one bucket per hour, empty ones included, and figures per workflow', async () => {
    const board = await workspaceDashboard(ws.owner, { range: '24h' }, NOW);

    // 12:30 the day before → 12:30 today: the hours starting 12:00 the day before through 12:00 today
    expect(board.series).toHaveLength(25);
    expect(board.series[0]?.start).toBe('2026-06-14T12:00:00.000Z');
    const at = (iso: string) => board.series.find((b) => b.start === iso);
    expect(at('2026-06-15T11:00:00.000Z')).toMatchObject({ runs: 2, failed: 0, p50_ms: 200, cost_usd: expect.closeTo(0.03, 12) });
    expect(at('2026-06-15T09:00:00.000Z')).toMatchObject({ runs: 2, failed: 1, failure_rate: 0.5 });
    expect(at('2026-06-15T12:00:00.000Z')).toMatchObject({ runs: 1, failure_rate: null, p50_ms: null });
    expect(at('2026-06-15T01:00:00.000Z')).toMatchObject({ runs: 0, cost_usd: 0 });

    expect(board.workflows.map((w) => [w.name, w.runs, w.failed])).toEqual([
      ['Alpha', 6, 1],
      ['Beta', 1, 1],
    ]);
    // Alpha's 5 ended runs: 100 200 300 400 1000 → p50 300; p95 at rank 3.8 → 400 + 0.8 × 600
    expect(board.workflows[0]).toMatchObject({ failure_rate: 0.2, p50_ms: 300, p95_ms: expect.closeTo(880, 9) });
  });

  it('narrows to one workflow and widens to days', async () => {
    const board = await workspaceDashboard(ws.owner, { range: '7d', workflow_id: beta }, NOW);
    expect(board.bucket).toBe('day');
    expect(board.series).toHaveLength(8);
    expect(board.totals).toMatchObject({ runs: 2, failed: 1, cost_usd: 1.5, p50_ms: 60 });
    expect(board.workflows.map((w) => w.name)).toEqual(['Beta']);
  });

  it('cuts days in the caller’s time zone: a Los Angeles evening is that day there, not the next UTC day', async () => {
    const west = await createTestWorkspace('West coast');
    const workflowId = (await createWorkflow(west.owner, { name: 'Evening' })).id;
    // 20:00 on 14 June and 03:00 on 15 June in Los Angeles (UTC−7 in summer): one UTC day, two days there.
    await insert(west.id, [
      { workflowId, at: new Date('2026-06-15T03:00:00Z'), status: 'completed', durationMs: 10 },
      { workflowId, at: new Date('2026-06-15T10:00:00Z'), status: 'completed', durationMs: 10 },
    ]);
    const utc = await workspaceDashboard(west.owner, { range: '7d' }, NOW);
    expect(utc.time_zone).toBe('UTC');
    expect(utc.series.filter((b) => b.runs > 0).map((b) => [b.start, b.runs])).toEqual([['2026-06-15T00:00:00.000Z', 2]]);

    const la = await workspaceDashboard(west.owner, { range: '7d', time_zone: 'America/Los_Angeles' }, NOW);
    expect(la.time_zone).toBe('America/Los_Angeles');
    expect(la.series).toHaveLength(8);
    expect(la.series[0]?.start).toBe('2026-06-08T07:00:00.000Z');
    expect(la.series.filter((b) => b.runs > 0).map((b) => [b.start, b.runs])).toEqual([
      ['2026-06-14T07:00:00.000Z', 1],
      ['2026-06-15T07:00:00.000Z', 1],
    ]);
    // Hours stay whole UTC hours whatever the zone.
    const hours = await workspaceDashboard(west.owner, { range: '24h', time_zone: 'America/Los_Angeles' }, NOW);
    expect(hours.series[0]?.start).toBe('2026-06-14T12:00:00.000Z');
  });

  it('starts each day at local midnight across a daylight saving change', async () => {
    const board = await workspaceDashboard(ws.owner, { range: '7d', time_zone: 'Europe/Berlin' }, new Date('2026-10-27T12:00:00Z'));
    const starts = board.series.map((b) => b.start);
    // Summer time (UTC+2) until 25 October 03:00, then UTC+1: that day lasts 25 hours.
    expect(starts).toContain('2026-10-24T22:00:00.000Z');
    expect(starts).toContain('2026-10-25T23:00:00.000Z');
    expect(starts.at(-1)).toBe('2026-10-26T23:00:00.000Z');
  });

  it('does not show another workspace’s workflow', async () => {
    const other = await createTestWorkspace('Nosy');
    await expect(workspaceDashboard(other.owner, { workflow_id: alpha }, NOW)).rejects.toMatchObject({ code: 'workflow_not_found' });
  });
});
