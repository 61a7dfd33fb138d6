import { beforeAll, describe, expect, it } from 'vitest';
import { block, edge, graph, inputBlock, outputBlock } from '@/server/test/graphs';
import { setupTestDatabase } from '../test/database';
import { createTestWorkspace, type TestWorkspace } from '../test/fixtures';
import { armWebhook, deployDraft, deploymentStatus, deployWorkflow, getVersion, listVersions, restoreVersion, saveVersion, undeployWorkflow } from './deployments';
import { triggerWebhook } from './webhooks';
import { createWorkflow, getWorkflow, replaceGraph, saveDraft, updateWorkflow } from './workflows';

// Deploying without freezing: the draft stays editable while the deployed version keeps answering, "deploy changes"
// promotes the draft, and versions count deploys and saves, not autosaves.

setupTestDatabase();
let ws: TestWorkspace;

beforeAll(async () => {
  ws = await createTestWorkspace('Deployments');
});

const greeting = (word: string) =>
  graph([inputBlock(), block('greet', 'code', { code: `return "${word} " + input.name` }), outputBlock('output', { value: '{{greet}}' })], [edge('input', 'greet'), edge('greet', 'output')]);

async function deployed(word = 'hello') {
  const created = await createWorkflow(ws.owner, { name: `Greeter ${word}` });
  const { workflow } = await replaceGraph(ws.owner, created.id, greeting(word));
  await deployWorkflow(ws.owner, created.id);
  return workflow;
}

async function callHook(url: string, secret: string) {
  const headers = new Headers({ authorization: `Bearer ${secret}`, 'content-type': 'application/json' });
  return triggerWebhook({ webhookId: url.split('/').pop() as string, headers, url: new URL(url), rawBody: JSON.stringify({ name: 'Ada' }), sourceIp: null, async: false });
}

describe('editing a deployed workflow', () => {
  it('saves the draft while the deployed version keeps running, until "deploy changes" promotes it', async () => {
    const workflow = await deployed();
    const hook = await armWebhook(ws.owner, workflow.id, {}, 'http://weft.test');
    const saved = await saveDraft(ws.owner, workflow.id, greeting('goodbye'), workflow.version);
    expect(await getWorkflow(ws.owner, workflow.id)).toMatchObject({ deployed: true, version: saved.version });
    expect(await deploymentStatus(ws.owner, workflow.id, 'http://weft.test')).toMatchObject({ deployed: true, version: 1 });

    expect(await deployDraft(ws.owner, workflow.id)).toMatchObject({ deployed: true, version: 2 });
    // The webhook armed for version 1 stays armed and now runs version 2.
    expect(await callHook(hook.url, hook.secret)).toMatchObject({ body: { status: 'completed', output: 'goodbye Ada' } });
    expect((await listVersions(ws.owner, workflow.id)).versions.map((v) => [v.version, v.deployed])).toEqual([
      [2, true],
      [1, false],
    ]);
  });

  it('renames a deployed workflow from the app while its webhook keeps answering; REST still refuses (the contract)', async () => {
    const workflow = await deployed('hey');
    const hook = await armWebhook(ws.owner, workflow.id, {}, 'http://weft.test');
    await expect(updateWorkflow(ws.owner, workflow.id, { name: 'Renamed over REST' })).rejects.toMatchObject({ code: 'already_deployed' });
    expect(await updateWorkflow(ws.owner, workflow.id, { name: 'Live greeter' }, { whileDeployed: true })).toMatchObject({ name: 'Live greeter', deployed: true });
    expect(await deploymentStatus(ws.owner, workflow.id, 'http://weft.test')).toMatchObject({ deployed: true, version: 1 });
    expect(await callHook(hook.url, hook.secret)).toMatchObject({ body: { status: 'completed', output: 'hey Ada' } });
  });

  it('answers not_deployed to "deploy changes" of a workflow that is not deployed, and invalid_graph to a broken draft', async () => {
    const created = await createWorkflow(ws.owner, { name: 'Never deployed' });
    await expect(deployDraft(ws.owner, created.id)).rejects.toMatchObject({ code: 'not_deployed' });
    const workflow = await deployed('hi');
    await saveDraft(ws.owner, workflow.id, graph([block('lonely', 'code', { code: 'return (' })], []));
    await expect(deployDraft(ws.owner, workflow.id)).rejects.toMatchObject({ code: 'invalid_graph' });
    await expect(deployDraft(ws.callerFor('viewer'), workflow.id)).rejects.toMatchObject({ code: 'forbidden' });
    expect((await deploymentStatus(ws.owner, workflow.id, 'http://weft.test')).version).toBe(1);
  });

  it('restores an older version into the draft without touching what is deployed', async () => {
    const workflow = await deployed('one');
    await saveDraft(ws.owner, workflow.id, greeting('two'));
    await deployDraft(ws.owner, workflow.id);
    const restored = await restoreVersion(ws.owner, workflow.id, 1);
    expect(restored).toMatchObject({ deployed: true, blocks: greeting('one').blocks });
    expect((await deploymentStatus(ws.owner, workflow.id, 'http://weft.test')).version).toBe(2);
  });
});

describe('numbered versions', () => {
  it('counts deploys and explicit saves, not autosaves, and reuses the number of an unchanged draft', async () => {
    const created = await createWorkflow(ws.owner, { name: 'Counted' });
    let version = created.version;
    for (const word of ['a', 'b', 'c', 'd', 'e']) version = (await saveDraft(ws.owner, created.id, greeting(word), version)).version;
    expect(await deployWorkflow(ws.owner, created.id)).toMatchObject({ version: 1 });
    await undeployWorkflow(ws.owner, created.id);
    expect(await deployWorkflow(ws.owner, created.id)).toMatchObject({ version: 1 });

    version = (await saveDraft(ws.owner, created.id, greeting('f'), version)).version;
    const saved = await saveVersion(ws.owner, created.id, 'before the rewrite');
    expect(saved).toMatchObject({ version: 2, note: 'before the rewrite', deployed: false });
    expect(await getVersion(ws.owner, created.id, 2)).toMatchObject({ note: 'before the rewrite', blocks: greeting('f').blocks });
    // Deploying the draft that was just saved deploys that very version.
    expect(await deployDraft(ws.owner, created.id)).toMatchObject({ version: 2 });
    await saveDraft(ws.owner, created.id, greeting('g'), version);
    expect(await deployDraft(ws.owner, created.id)).toMatchObject({ version: 3 });
  });
});
