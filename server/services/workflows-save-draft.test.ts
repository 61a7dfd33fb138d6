import { beforeAll, describe, expect, it } from 'vitest';
import { block, chain, graph } from '@/server/test/graphs';
import { setupTestDatabase } from '../test/database';
import { twoWorkspaces, type TestWorkspace } from '../test/fixtures';
import { createWorkflow, getWorkflow, saveDraft } from './workflows';

// The editor's autosave (tRPC workflows.saveGraph): work in progress is stored, a stale version is refused.

setupTestDatabase();
let ws: TestWorkspace;
let other: TestWorkspace;

beforeAll(async () => ([ws, other] = await twoWorkspaces('Drafts', 'Elsewhere')));

const unfinished = graph([block('lonely', 'code', { code: 'return (' })], []);

describe('saveDraft', () => {
  it('stores a graph that does not validate yet and answers only the new version and its problems', async () => {
    const { id, version } = await createWorkflow(ws.owner, { name: 'Draft' });
    const result = await saveDraft(ws.callerFor('editor'), id, unfinished, version);
    expect(Object.keys(result).sort()).toEqual(['problems', 'version']);
    expect(result.version).toBe(version + 1);
    expect(result.problems.length).toBeGreaterThan(0);
    expect(await getWorkflow(ws.owner, id)).toMatchObject({ version: version + 1, blocks: unfinished.blocks });

    const next = await saveDraft(ws.owner, id, chain(), result.version);
    expect(next).toEqual({ version: version + 2, problems: [] });
  });

  it('refuses a save based on an older version with version_conflict naming the current one, and changes nothing', async () => {
    const { id, version } = await createWorkflow(ws.owner, { name: 'Two tabs' });
    await saveDraft(ws.owner, id, chain(), version);
    await expect(saveDraft(ws.owner, id, unfinished, version)).rejects.toMatchObject({ code: 'version_conflict', message: expect.stringContaining(`${version + 1}`) });
    expect(await getWorkflow(ws.owner, id)).toMatchObject({ version: version + 1, blocks: chain().blocks });
  });

  it('saves over whatever is stored when no version is given', async () => {
    const { id, version } = await createWorkflow(ws.owner, { name: 'Forced' });
    await saveDraft(ws.owner, id, chain(), version);
    expect(await saveDraft(ws.owner, id, unfinished)).toMatchObject({ version: version + 2 });
  });

  it('refuses another workspace\'s workflow and a viewer', async () => {
    const { id, version } = await createWorkflow(ws.owner, { name: 'Deployed' });
    await expect(saveDraft(other.owner, id, chain(), version)).rejects.toMatchObject({ code: 'workflow_not_found' });
    await expect(saveDraft(ws.callerFor('viewer'), id, chain(), version)).rejects.toMatchObject({ code: 'forbidden' });
    expect(await getWorkflow(ws.owner, id)).toMatchObject({ version, blocks: [] });
  });
});
