import fs from 'node:fs';
import path from 'node:path';
import { TRPCError } from '@trpc/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '@/server/api/root';
import { createCallerFactory, createTrpcContext } from '@/server/api/trpc';
import type { Role } from '@/server/auth/caller';
import { chain } from '@/server/test/graphs';
import { createApiKey } from '@/server/services/api-keys';
import { setCredential } from '@/server/services/credentials';
import { putMcpServer } from '@/server/services/mcp-servers';
import { createInvitation } from '@/server/services/members';
import { deployWorkflow, undeployWorkflow } from '@/server/services/deployments';
import { executeAndWait } from '@/server/services/executions/launch';
import { createWorkflow, replaceGraph } from '@/server/services/workflows';
import { createTrigger } from '@/server/services/triggers';
import { setupTestDatabase } from '@/server/test/database';
import { createTestWorkspace, type TestWorkspace } from '@/server/test/fixtures';
import { API_ROUTES, api, apiJson } from './_test/client';

// Every REST route and every tRPC procedure, called with no credential, a revoked key, a key of another
// workspace and a viewer key: 401 / 401 / 404 / 403 as appropriate, and never another workspace's data.

setupTestDatabase();
let a: TestWorkspace; // owns the resources
let b: TestWorkspace; // the stranger
let workflowId: string;
let apiKeyId: string;
let invitationId: string;
let executionId: string;
let deployedVersion: number;
let triggerId: string;

beforeAll(async () => {
  a = await createTestWorkspace('Workspace A');
  b = await createTestWorkspace('Workspace B');
  workflowId = (await createWorkflow(a.owner, { name: 'Secret plans of A' })).id;
  await replaceGraph(a.owner, workflowId, chain());
  executionId = (await executeAndWait(a.owner, workflowId, { input: {} })).id;
  // Version 1 exists (deployed once, then undeployed) so the version routes have something to find.
  deployedVersion = (await deployWorkflow(a.owner, workflowId)).version;
  await undeployWorkflow(a.owner, workflowId);
  apiKeyId = (await createApiKey(a.owner, { name: 'spare', role: 'viewer' })).id;
  invitationId = (await createInvitation(a.owner, { role: 'viewer' })).id;
  await setCredential(a.owner, { name: 'OPENAI_API_KEY', value: 'sk-a-secret' });
  await putMcpServer(a.owner, { name: 'orders', url: 'https://mcp.example.com/mcp', credential: 'OPENAI_API_KEY' });
  triggerId = (await createTrigger(a.owner, workflowId, { kind: 'form', config: { access: 'workspace' } }, 'http://weft.test')).id;
});

// ---------------------------------------------------------------------------------------------------- REST

type Access = 'read' | 'write';
interface RestCase {
  method: string;
  path: string;
  body?: unknown;
  access: Access;
  /** Routes that name a resource answer 404 to strangers; collections answer with the stranger's own scope. */
  scoped: boolean;
}

const restCases = (): RestCase[] => [
  { method: 'POST', path: '/api/mcp', body: { jsonrpc: '2.0', id: 1, method: 'tools/list' }, access: 'read', scoped: false },
  { method: 'GET', path: '/api/mcp-servers', access: 'read', scoped: false },
  { method: 'GET', path: '/api/dashboard', access: 'read', scoped: false },
  { method: 'PUT', path: '/api/mcp-servers/orders', body: { url: 'https://evil.example.com/mcp' }, access: 'write', scoped: false },
  { method: 'DELETE', path: '/api/mcp-servers/orders', access: 'write', scoped: true },
  { method: 'GET', path: '/api/workspace/budget', access: 'read', scoped: false },
  { method: 'PUT', path: '/api/workspace/budget', body: { monthly_usd: 5 }, access: 'write', scoped: false },
  { method: 'DELETE', path: '/api/workspace/budget', access: 'write', scoped: false },
  { method: 'GET', path: '/api/workflows', access: 'read', scoped: false },
  { method: 'POST', path: '/api/workflows', body: { name: 'x' }, access: 'write', scoped: false },
  { method: 'POST', path: '/api/workflows/import', body: { name: 'x', ...chain() }, access: 'write', scoped: false },
  { method: 'GET', path: `/api/workflows/${workflowId}`, access: 'read', scoped: true },
  { method: 'PATCH', path: `/api/workflows/${workflowId}`, body: { name: 'pwned' }, access: 'write', scoped: true },
  { method: 'DELETE', path: `/api/workflows/${workflowId}`, access: 'write', scoped: true },
  { method: 'PUT', path: `/api/workflows/${workflowId}/graph`, body: chain(), access: 'write', scoped: true },
  { method: 'GET', path: `/api/workflows/${workflowId}/export`, access: 'read', scoped: true },
  { method: 'POST', path: `/api/workflows/${workflowId}/execute`, body: { input: {} }, access: 'write', scoped: true },
  { method: 'POST', path: `/api/workflows/${workflowId}/execute/stream`, body: { input: {} }, access: 'write', scoped: true },
  { method: 'GET', path: `/api/workflows/${workflowId}/executions`, access: 'read', scoped: true },
  { method: 'GET', path: `/api/workflows/${workflowId}/executions/${executionId}`, access: 'read', scoped: true },
  { method: 'GET', path: `/api/workflows/${workflowId}/executions/${executionId}/logs`, access: 'read', scoped: true },
  { method: 'GET', path: `/api/workflows/${workflowId}/executions/${executionId}/stream`, access: 'read', scoped: true },
  { method: 'POST', path: `/api/workflows/${workflowId}/executions/${executionId}/cancel`, access: 'write', scoped: true },
  { method: 'POST', path: `/api/workflows/${workflowId}/executions/${executionId}/resume`, body: { block_id: 'ask', decision: 'approved' }, access: 'write', scoped: true },
  // A link decides without signing in, so only those who may decide themselves get one.
  { method: 'GET', path: `/api/workflows/${workflowId}/executions/${executionId}/approval-links`, access: 'write', scoped: true },
  { method: 'POST', path: `/api/workflows/${workflowId}/executions/${executionId}/rerun`, body: { version: 'ran' }, access: 'write', scoped: true },
  { method: 'POST', path: `/api/workflows/${workflowId}/deploy`, access: 'write', scoped: true },
  { method: 'POST', path: `/api/workflows/${workflowId}/undeploy`, access: 'write', scoped: true },
  { method: 'POST', path: `/api/workflows/${workflowId}/arm`, body: {}, access: 'write', scoped: true },
  { method: 'GET', path: `/api/workflows/${workflowId}/versions`, access: 'read', scoped: true },
  { method: 'GET', path: `/api/workflows/${workflowId}/versions/${deployedVersion}`, access: 'read', scoped: true },
  { method: 'POST', path: `/api/workflows/${workflowId}/versions/${deployedVersion}/restore`, access: 'write', scoped: true },
  { method: 'GET', path: `/api/workflows/${workflowId}/triggers`, access: 'read', scoped: true },
  { method: 'POST', path: `/api/workflows/${workflowId}/triggers`, body: { kind: 'form', config: {} }, access: 'write', scoped: true },
  { method: 'PATCH', path: `/api/workflows/${workflowId}/triggers/${triggerId}`, body: { enabled: false }, access: 'write', scoped: true },
  { method: 'DELETE', path: `/api/workflows/${workflowId}/triggers/${triggerId}`, access: 'write', scoped: true },
];
/** Routes anyone may call. */
// The webhook route authenticates with the webhook's own secret instead (webhooks.contract.test.ts).
// So do standing webhooks, with their trigger's auth (hooks/hooks.contract.test.ts), forms (forms.contract.test.ts)
// and approval links, with their signed token (approvals/approvals.contract.test.ts).
const PUBLIC_ROUTES = ['GET /api/health', 'GET /api/openapi.json', 'POST /api/webhooks/:webhook_id', 'POST /api/hooks/:tid', 'POST /api/forms/:tid', 'POST /api/approvals/:token'];

describe('the REST table', () => {
  it('covers every route file under app/api', () => {
    const root = path.join(process.cwd(), 'app', 'api');
    const files = (fs.readdirSync(root, { recursive: true }) as string[])
      .filter((f) => f.endsWith('route.ts'))
      .map((f) => f.split(path.sep).join('/'))
      .filter((f) => !f.startsWith('auth/') && !f.startsWith('trpc/') && f !== '[...path]/route.ts');
    expect(files.sort()).toEqual(API_ROUTES.map((r) => r.file).sort());
  });

  it('covers every method every route implements', () => {
    const implemented = API_ROUTES.flatMap((route) =>
      ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']
        .filter((method) => typeof route.module[method] === 'function' && !String(route.module[method]).includes('method_not_allowed'))
        .map((method) => `${method} ${route.pattern}`),
    );
    const covered = [
      ...PUBLIC_ROUTES,
      ...restCases().map((c) => `${c.method} ${c.path.replace(workflowId, ':id').replace(executionId, ':eid').replace(`/versions/${deployedVersion}`, '/versions/:version').replace('/mcp-servers/orders', '/mcp-servers/:name').replace(triggerId, ':tid')}`),
    ];
    expect(covered.sort()).toEqual([...new Set(implemented)].sort());
  });
});

const UNAUTHORIZED = { error: 'Unauthorized', code: 'unauthorized' };

describe.each(['no credential', 'a revoked key', 'a garbage key'])('REST with %s', (credential) => {
  it('answers 401 unauthorized on every route', async () => {
    const key = credential === 'a revoked key' ? a.revokedKey : credential === 'a garbage key' ? 'weft_not-a-key' : undefined;
    for (const c of restCases()) {
      const res = await apiJson(c.method, c.path, { key, body: c.body });
      expect(res.status, `${c.method} ${c.path}`).toBe(401);
      expect(res.body).toEqual(UNAUTHORIZED);
    }
  });
});

describe('REST with a key of another workspace', () => {
  it('answers 404 on routes naming a resource of the other workspace, exactly like a missing one', async () => {
    for (const c of restCases().filter((c) => c.scoped)) {
      const res = await apiJson(c.method, c.path, { key: b.keys.owner, body: c.body });
      const missing = await apiJson(c.method, c.path.replace(workflowId, '00000000-0000-0000-0000-000000000000'), { key: b.keys.owner, body: c.body });
      // (an execution of A under B's view is as missing as the workflow itself)
      expect(res.status, `${c.method} ${c.path}`).toBe(404);
      expect(res.body).toEqual(missing.body);
    }
  });

  it('never shows the other workspace in collections', async () => {
    const res = await apiJson<{ workflows: { id: string }[] }>('GET', '/api/workflows?limit=200', { key: b.keys.owner });
    expect(res.body.workflows.map((w) => w.id)).not.toContain(workflowId);
    expect(JSON.stringify(res.body)).not.toContain('Secret plans of A');
  });
});

describe('REST with a viewer key', () => {
  it('reads but answers 403 forbidden to every change', async () => {
    for (const c of restCases()) {
      const res = await apiJson(c.method, c.path, { key: a.keys.viewer, body: c.body });
      if (c.access === 'read') expect(res.status, `${c.method} ${c.path}`).toBe(200);
      else {
        expect(res.status, `${c.method} ${c.path}`).toBe(403);
        expect(res.body).toMatchObject({ code: 'forbidden' });
      }
    }
    expect((await apiJson('GET', `/api/workflows/${workflowId}`, { key: a.keys.viewer })).body).toMatchObject({ name: 'Secret plans of A' });
  });
});

describe('the apikey header', () => {
  it('is accepted like a Bearer key, and a bad Bearer key is not rescued by a good apikey header', async () => {
    expect((await api('GET', '/api/workflows', { headers: { apikey: a.keys.viewer } })).status).toBe(200);
    expect((await api('GET', '/api/workflows', { headers: { authorization: 'Bearer nope', apikey: a.keys.viewer } })).status).toBe(401);
  });
});

// ---------------------------------------------------------------------------------------------------- tRPC

type Expect = 'public' | 'session' | Role;
interface ProcedureCase {
  /** Who may call it: anyone, a signed-in person only, or the lowest role. */
  who: Expect;
  input: () => unknown;
  /** Names a resource of workspace A (strangers get NOT_FOUND). */
  scoped?: boolean;
}

const procedures: Record<string, ProcedureCase> = {
  'health.get': { who: 'public', input: () => undefined },
  'account.me': { who: 'public', input: () => undefined },
  'account.whoami': { who: 'viewer', input: () => undefined },
  'account.switchWorkspace': { who: 'session', input: () => ({ workspace_id: a.id }) },
  'account.createWorkspace': { who: 'session', input: () => ({ name: 'x' }) },
  'account.renameWorkspace': { who: 'owner', input: () => ({ name: 'renamed' }) },
  'apiKeys.list': { who: 'owner', input: () => undefined },
  'apiKeys.create': { who: 'owner', input: () => ({ name: 'k', role: 'viewer' }) },
  'apiKeys.revoke': { who: 'owner', input: () => ({ id: apiKeyId }), scoped: true },
  'members.list': { who: 'viewer', input: () => undefined },
  'members.changeRole': { who: 'owner', input: () => ({ user_id: 'nobody', role: 'viewer' }) },
  'members.remove': { who: 'owner', input: () => ({ user_id: 'nobody' }) },
  'invitations.list': { who: 'owner', input: () => undefined },
  'invitations.create': { who: 'owner', input: () => ({ role: 'viewer' }) },
  'invitations.revoke': { who: 'owner', input: () => ({ id: invitationId }), scoped: true },
  'invitations.preview': { who: 'public', input: () => ({ token: 'x'.repeat(20) }) },
  'invitations.accept': { who: 'session', input: () => ({ token: 'x'.repeat(20) }) },
  'credentials.list': { who: 'viewer', input: () => undefined },
  'credentials.set': { who: 'editor', input: () => ({ name: 'OPENAI_API_KEY', value: 'overwritten' }) },
  'credentials.delete': { who: 'editor', input: () => ({ name: 'OPENAI_API_KEY' }), scoped: true },
  'mcpServers.list': { who: 'viewer', input: () => undefined },
  'mcpServers.put': { who: 'editor', input: () => ({ name: 'orders', url: 'https://evil.example.com/mcp' }) },
  'mcpServers.delete': { who: 'editor', input: () => ({ name: 'orders' }), scoped: true },
  'modelPrices.list': { who: 'viewer', input: () => undefined },
  'dashboard.get': { who: 'viewer', input: () => ({ range: '24h', workflow_id: workflowId }), scoped: true },
  'dashboard.budget': { who: 'viewer', input: () => undefined },
  'dashboard.setBudget': { who: 'owner', input: () => ({ monthly_usd: 5 }) },
  'dashboard.removeBudget': { who: 'owner', input: () => undefined },
  'modelPrices.set': { who: 'editor', input: () => ({ model: 'house/model', input_per_million: 1, output_per_million: 2 }) },
  'modelPrices.delete': { who: 'editor', input: () => ({ model: 'house/model' }), scoped: true },
  'workflows.list': { who: 'viewer', input: () => ({}) },
  'workflows.get': { who: 'viewer', input: () => ({ id: workflowId }), scoped: true },
  'workflows.create': { who: 'editor', input: () => ({ name: 'x' }) },
  'workflows.update': { who: 'editor', input: () => ({ id: workflowId, patch: { name: 'pwned' } }), scoped: true },
  'workflows.delete': { who: 'editor', input: () => ({ id: workflowId }), scoped: true },
  'workflows.duplicate': { who: 'editor', input: () => ({ id: workflowId }), scoped: true },
  'workflows.saveGraph': { who: 'editor', input: () => ({ id: workflowId, graph: chain() }), scoped: true },
  'workflows.export': { who: 'viewer', input: () => ({ id: workflowId }), scoped: true },
  'workflows.import': { who: 'editor', input: () => ({ name: 'x', ...chain() }) },
  'workflows.fromTemplate': { who: 'editor', input: () => ({ template_id: 'summarize' }) },
  'blocks.catalog': { who: 'viewer', input: () => undefined },
  'blocks.providers': { who: 'viewer', input: () => undefined },
  'deployments.status': { who: 'viewer', input: () => ({ workflow_id: workflowId }), scoped: true },
  'deployments.deploy': { who: 'editor', input: () => ({ workflow_id: workflowId }), scoped: true },
  'deployments.deployChanges': { who: 'editor', input: () => ({ workflow_id: workflowId }), scoped: true },
  'deployments.undeploy': { who: 'editor', input: () => ({ workflow_id: workflowId }), scoped: true },
  'deployments.arm': { who: 'editor', input: () => ({ workflow_id: workflowId }), scoped: true },
  'deployments.versions': { who: 'viewer', input: () => ({ workflow_id: workflowId }), scoped: true },
  'deployments.version': { who: 'viewer', input: () => ({ workflow_id: workflowId, version: deployedVersion }), scoped: true },
  'deployments.saveVersion': { who: 'editor', input: () => ({ workflow_id: workflowId, note: 'checkpoint' }), scoped: true },
  'deployments.restore': { who: 'editor', input: () => ({ workflow_id: workflowId, version: deployedVersion }), scoped: true },
  'executions.list': { who: 'viewer', input: () => ({ workflow_id: workflowId }), scoped: true },
  'executions.get': { who: 'viewer', input: () => ({ workflow_id: workflowId, execution_id: executionId }), scoped: true },
  'executions.logs': { who: 'viewer', input: () => ({ workflow_id: workflowId, execution_id: executionId }), scoped: true },
  'executions.start': { who: 'editor', input: () => ({ workflow_id: workflowId, body: { input: {} } }), scoped: true },
  'executions.search': { who: 'viewer', input: () => ({ workflow_id: workflowId }), scoped: true },
  'debug.pins': { who: 'viewer', input: () => ({ workflow_id: workflowId }), scoped: true },
  'debug.pin': { who: 'editor', input: () => ({ workflow_id: workflowId, block_id: 'input', output: { pinned: true } }), scoped: true },
  'debug.unpin': { who: 'editor', input: () => ({ workflow_id: workflowId, block_id: 'input' }), scoped: true },
  'debug.run': { who: 'editor', input: () => ({ workflow_id: workflowId, mode: 'all' }), scoped: true },
  'executions.deleteAll': { who: 'editor', input: () => ({ workflow_id: workflowId }), scoped: true },
  'executions.cancel': { who: 'editor', input: () => ({ workflow_id: workflowId, execution_id: executionId }), scoped: true },
  'executions.resume': { who: 'editor', input: () => ({ workflow_id: workflowId, execution_id: executionId, body: { block_id: 'ask', decision: 'approved' } }), scoped: true },
  'executions.approvalLinks': { who: 'editor', input: () => ({ workflow_id: workflowId, execution_id: executionId }), scoped: true },
  'executions.rerun': { who: 'editor', input: () => ({ workflow_id: workflowId, execution_id: executionId, body: { version: 'draft' } }), scoped: true },
  'triggers.kinds': { who: 'viewer', input: () => undefined },
  'triggers.list': { who: 'viewer', input: () => ({ workflow_id: workflowId }), scoped: true },
  'triggers.create': { who: 'editor', input: () => ({ workflow_id: workflowId, trigger: { kind: 'form', config: {} } }), scoped: true },
  'triggers.update': { who: 'editor', input: () => ({ workflow_id: workflowId, trigger_id: triggerId, patch: { enabled: false } }), scoped: true },
  'triggers.delete': { who: 'editor', input: () => ({ workflow_id: workflowId, trigger_id: triggerId }), scoped: true },
  'triggers.previewSchedule': { who: 'viewer', input: () => ({ cron: '0 9 * * *' }) },
};

const createCaller = createCallerFactory(appRouter);

async function callProcedure(name: string, key: string | undefined, input: unknown): Promise<string> {
  const headers = new Headers(key ? { authorization: `Bearer ${key}` } : {});
  const caller = createCaller(createTrpcContext({ headers, url: 'http://weft.test/api/trpc' })) as unknown as Record<string, Record<string, (input: unknown) => Promise<unknown>>>;
  const [group, procedure] = name.split('.');
  try {
    await caller[group][procedure](input);
    return 'OK';
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
}

describe('the tRPC table', () => {
  it('covers every procedure', () => {
    expect(Object.keys(procedures).sort()).toEqual(Object.keys(appRouter._def.procedures).sort());
  });
});

describe('tRPC procedures', () => {
  const guarded = () => Object.entries(procedures).filter(([, c]) => c.who !== 'public');

  it('answer UNAUTHORIZED (401) with no credential or a revoked key', async () => {
    for (const [name, c] of guarded()) {
      expect(await callProcedure(name, undefined, c.input()), name).toBe('UNAUTHORIZED');
      expect(await callProcedure(name, a.revokedKey, c.input()), name).toBe('UNAUTHORIZED');
    }
  });

  it('answer NOT_FOUND (404) to a key of another workspace naming a resource of this one', async () => {
    for (const [name, c] of guarded().filter(([, c]) => c.scoped)) {
      expect(await callProcedure(name, b.keys.owner, c.input()), name).toBe('NOT_FOUND');
    }
  });

  it('answer FORBIDDEN (403) to roles below the one required, and let that role through', async () => {
    const rank: Record<Role, number> = { viewer: 0, editor: 1, owner: 2 };
    for (const [name, c] of guarded().filter(([, c]) => c.who !== 'session')) {
      for (const role of ['viewer', 'editor'] as const) {
        const result = await callProcedure(name, a.keys[role], c.input());
        if (rank[role] < rank[c.who as Role]) expect(result, `${name} as ${role}`).toBe('FORBIDDEN');
        else expect(result, `${name} as ${role}`).not.toMatch(/UNAUTHORIZED|FORBIDDEN/);
      }
    }
  });

  it('that act on a person (not a workspace) refuse API keys', async () => {
    for (const [name, c] of guarded().filter(([, c]) => c.who === 'session')) {
      expect(await callProcedure(name, a.keys.owner, c.input()), name).toBe('UNAUTHORIZED');
    }
  });

  it('never return a credential value', async () => {
    const headers = new Headers({ authorization: `Bearer ${a.keys.owner}` });
    const caller = createCaller(createTrpcContext({ headers, url: 'http://weft.test/api/trpc' }));
    expect(JSON.stringify(await caller.credentials.list())).not.toMatch(/sk-a-secret|overwritten/);
    expect(JSON.stringify(await caller.apiKeys.list())).not.toContain(a.keys.owner);
  });
});
