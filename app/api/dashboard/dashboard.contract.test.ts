import { beforeAll, describe, expect, it } from 'vitest';
import { setupTestDatabase } from '@/server/test/database';
import { createTestWorkspace, type TestWorkspace } from '@/server/test/fixtures';
import { chain } from '@/server/test/graphs';
import { apiJson, createWorkflowWithGraph } from '../_test/client';

// GET /api/dashboard: the same figures as the dashboard page, for a script, scoped to the key's workspace.

setupTestDatabase();
let ws: TestWorkspace;
let workflowId: string;

beforeAll(async () => {
  ws = await createTestWorkspace('Dashboard over REST');
  workflowId = await createWorkflowWithGraph(ws.keys.owner, chain());
  const run = await apiJson('POST', `/api/workflows/${workflowId}/execute`, { key: ws.keys.owner, body: { input: { text: 'hi' } } });
  expect(run.body.status).toBe('completed');
});

describe('GET /api/dashboard', () => {
  it('answers the workspace’s figures to a viewer, per day for 7 days by default', async () => {
    const { status, body } = await apiJson<{ bucket: string; totals: { runs: number; failure_rate: number }; series: unknown[]; workflows: { workflow_id: string; runs: number }[] }>('GET', '/api/dashboard', { key: ws.keys.viewer });
    expect(status).toBe(200);
    expect(body.bucket).toBe('day');
    expect(body.totals).toMatchObject({ runs: 1, failure_rate: 0 });
    expect(body.series.length).toBeGreaterThanOrEqual(7);
    expect(body.workflows).toEqual([expect.objectContaining({ workflow_id: workflowId, runs: 1 })]);
  });

  it('refuses an unknown range and another workspace’s workflow', async () => {
    expect((await apiJson('GET', '/api/dashboard?range=1y', { key: ws.keys.owner })).body).toMatchObject({ code: 'validation_error' });
    // A time zone must be an IANA name the server knows; an offset would be read with the wrong sign. Node's Intl
    // knows the withdrawn alias US/Pacific-New, PostgreSQL's zone database does not.
    for (const zone of ['US/Pacific-New', 'Mars/Olympus_Mons', '+05:00', 'UTC+8', 'America/New York', "UTC'; DROP TABLE", 'x'.repeat(100)]) {
      const res = await apiJson<{ code: string; details: { path: string }[] }>('GET', `/api/dashboard?time_zone=${encodeURIComponent(zone)}`, { key: ws.keys.owner });
      expect(res.status, zone).toBe(400);
      expect(res.body.code).toBe('validation_error');
      expect(res.body.details.map((detail) => detail.path)).toEqual(['time_zone']);
    }
    expect(await apiJson('GET', '/api/dashboard?range=30d&time_zone=Asia/Kolkata', { key: ws.keys.owner })).toMatchObject({ status: 200, body: { time_zone: 'Asia/Kolkata' } });
    const other = await createTestWorkspace('Other');
    const { status, body } = await apiJson('GET', `/api/dashboard?range=24h&workflow_id=${workflowId}`, { key: other.keys.owner });
    expect(status).toBe(404);
    expect(body).toMatchObject({ code: 'workflow_not_found' });
  });
});
