import { beforeAll, describe, expect, it } from 'vitest';
import { setupTestDatabase } from '../../test/database';
import { createTestWorkspace, type TestWorkspace } from '../../test/fixtures';
import { block, chain } from '../../test/graphs';
import { createWorkflow } from '../workflows';
import { executeAndWait } from './launch';
import { getExecution } from './reads';
import { rerunAndWait } from './rerun';

// A run the caller waits for is answered from the row as created plus the outcome the run wrote, without reading
// the row again: the answer must be exactly what reading it back gives.

setupTestDatabase();
let ws: TestWorkspace;

beforeAll(async () => {
  ws = await createTestWorkspace('Sync answers');
});

const codes = {
  completed: 'return { z: 1, a: [null, -0, "é\\u0000✓"], nested: { skipped: undefined, kept: 1.5 } }',
  failed: 'throw new TypeError("no")',
};

describe('the answer of a run waited for', () => {
  for (const [name, code] of Object.entries(codes)) {
    it(`is what the row says afterwards (${name})`, async () => {
      const { id } = await createWorkflow(ws.owner, { name }, chain(block('code', 'code', { code })));
      const answer = await executeAndWait(ws.owner, id, { input: { x: 'y' } });
      expect(answer.status).toBe(name);
      expect(JSON.stringify(answer)).toBe(JSON.stringify(await getExecution(ws.owner, id, answer.id)));

      const rerun = await rerunAndWait(ws.owner, id, answer.id, { version: 'ran' }, 'api');
      expect(JSON.stringify(rerun)).toBe(JSON.stringify(await getExecution(ws.owner, id, rerun.id)));
      // The re-run is listed under the run it re-ran.
      expect((await getExecution(ws.owner, id, answer.id)).reruns.map((r) => r.id)).toEqual([rerun.id]);
    });
  }
});
