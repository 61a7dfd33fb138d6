import { beforeAll, describe, expect, it } from 'vitest';
import { budgetStatus, setBudget } from '@/server/services/budgets';
import { setupTestDatabase } from '@/server/test/database';
import { createTestWorkspace, type TestWorkspace } from '@/server/test/fixtures';
import { apiJson } from '../../_test/client';

// The monthly budget over REST: the same reads and writes as Settings → General, owners only for changes.

setupTestDatabase();
let ws: TestWorkspace;
let other: TestWorkspace;

beforeAll(async () => {
  ws = await createTestWorkspace('Budgeted');
  other = await createTestWorkspace('Someone else');
});

const PATH = '/api/workspace/budget';

describe(PATH, () => {
  it('reads no budget at first, sets one (defaults filled in), reads it back, and removes it', async () => {
    const empty = await apiJson('GET', PATH, { key: ws.keys.viewer });
    expect(empty).toMatchObject({ status: 200, body: { budget: null, spent_usd: 0, level: 'none', month_start: expect.stringMatching(/-01T00:00:00\.000Z$/) } });

    const put = await apiJson('PUT', PATH, { key: ws.keys.owner, body: { monthly_usd: 25 } });
    expect(put).toMatchObject({ status: 200, body: { budget: { monthly_usd: 25, warn_percent: 80, stop_llm_calls: false }, level: 'ok' } });
    expect((await apiJson('GET', PATH, { key: ws.keys.viewer })).body).toEqual(await budgetStatus(ws.owner));
    // The same row the tRPC procedure writes: Settings sees what a script set, and the other way round.
    await setBudget(ws.owner, { monthly_usd: 40, warn_percent: 50, stop_llm_calls: true });
    expect((await apiJson('GET', PATH, { key: ws.keys.editor })).body).toMatchObject({ budget: { monthly_usd: 40, warn_percent: 50, stop_llm_calls: true } });

    expect(await apiJson('DELETE', PATH, { key: ws.keys.owner })).toMatchObject({ status: 200, body: { budget: null, level: 'none' } });
  });

  it('lets only owners change it: an editor or viewer gets 403 forbidden and nothing changes', async () => {
    for (const role of ['editor', 'viewer'] as const) {
      expect(await apiJson('PUT', PATH, { key: ws.keys[role], body: { monthly_usd: 1 } }), role).toMatchObject({ status: 403, body: { code: 'forbidden' } });
      expect(await apiJson('DELETE', PATH, { key: ws.keys[role] }), role).toMatchObject({ status: 403, body: { code: 'forbidden' } });
    }
    expect((await budgetStatus(ws.owner)).budget).toBeNull();
  });

  it('refuses bad amounts and shares with 400 validation_error naming the field', async () => {
    for (const [body, path] of [
      [{ monthly_usd: 0 }, 'monthly_usd'],
      [{ monthly_usd: -5 }, 'monthly_usd'],
      [{ monthly_usd: '10' }, 'monthly_usd'],
      [{ monthly_usd: 10, warn_percent: 101 }, 'warn_percent'],
      [{ monthly_usd: 10, warn_percent: 50.5 }, 'warn_percent'],
      [{ warn_percent: 50 }, 'monthly_usd'],
    ] as const) {
      const res = await apiJson<{ code: string; details: { path: string }[] }>('PUT', PATH, { key: ws.keys.owner, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.code).toBe('validation_error');
      expect(res.body.details.map((detail) => detail.path)).toContain(path);
    }
    expect(await apiJson('PUT', PATH, { key: ws.keys.owner, body: 'not json{' })).toMatchObject({ status: 400, body: { code: 'validation_error' } });
    expect((await budgetStatus(ws.owner)).budget).toBeNull();
  });

  it("is the caller's own workspace's budget", async () => {
    await apiJson('PUT', PATH, { key: other.keys.owner, body: { monthly_usd: 7 } });
    expect((await apiJson('GET', PATH, { key: ws.keys.owner })).body).toMatchObject({ budget: null });
    expect((await apiJson('GET', PATH, { key: other.keys.viewer })).body).toMatchObject({ budget: { monthly_usd: 7 } });
  });

  it('answers 405 to other methods', async () => {
    expect(await apiJson('POST', PATH, { key: ws.keys.owner, body: { monthly_usd: 1 } })).toMatchObject({ status: 405, body: { code: 'method_not_allowed' } });
  });
});
