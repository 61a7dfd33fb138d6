import type { Caller, Role } from '../auth/caller';
import { db } from '../db';
import { createApiKey, revokeApiKey } from '../services/api-keys';
import { createWorkflow } from '../services/workflows';

/** A workspace as an integration test needs it: an owner caller and an API key of every role. */
export interface TestWorkspace {
  id: string;
  owner: Caller;
  keys: Record<Role, string>;
  /** A key of this workspace that has been revoked. */
  revokedKey: string;
  callerFor(role: Role): Caller;
}

export async function createTestWorkspace(name = 'Test workspace'): Promise<TestWorkspace> {
  const prisma = await db();
  const workspace = await prisma.workspace.create({ data: { name } });
  const callerFor = (role: Role): Caller => ({ workspaceId: workspace.id, role, userId: null, apiKeyId: null, via: 'api_key' });
  const owner = callerFor('owner');
  const keys = {} as Record<Role, string>;
  for (const role of ['owner', 'editor', 'viewer'] as const) keys[role] = (await createApiKey(owner, { name: role, role })).key;
  const revoked = await createApiKey(owner, { name: 'revoked', role: 'owner' });
  await revokeApiKey(owner, revoked.id);
  return { id: workspace.id, owner, keys, revokedKey: revoked.key, callerFor };
}

/** The setup most contract tests share: a fresh workspace, and its editor's API key as the caller's key. */
export async function editorWorkspace(): Promise<{ ws: TestWorkspace; key: string }> {
  const ws = await createTestWorkspace();
  return { ws, key: ws.keys.editor };
}

/** A fresh workspace with one empty workflow in it, for service tests that run or record executions. */
export async function workspaceWithWorkflow(name: string, workflowName: string): Promise<{ ws: TestWorkspace; workflowId: string }> {
  const ws = await createTestWorkspace(name);
  return { ws, workflowId: (await createWorkflow(ws.owner, { name: workflowName })).id };
}

/** Two unrelated workspaces, for tests that what one does stays out of the other's sight. */
export async function twoWorkspaces(name: string, otherName: string): Promise<[TestWorkspace, TestWorkspace]> {
  return [await createTestWorkspace(name), await createTestWorkspace(otherName)];
}
