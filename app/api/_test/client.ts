import { proxy } from '@/proxy';
import * as catchAll from '../[...path]/route';
import * as dashboard from '../dashboard/route';
import * as health from '../health/route';
import * as mcp from '../mcp/route';
import * as mcpServers from '../mcp-servers/route';
import * as mcpServer from '../mcp-servers/[name]/route';
import * as workspaceBudget from '../workspace/budget/route';
import * as openapi from '../openapi.json/route';
import * as execute from '../workflows/[id]/execute/route';
import * as executeStream from '../workflows/[id]/execute/stream/route';
import * as executionCancel from '../workflows/[id]/executions/[eid]/cancel/route';
import * as executionResume from '../workflows/[id]/executions/[eid]/resume/route';
import * as executionRerun from '../workflows/[id]/executions/[eid]/rerun/route';
import * as executionLogs from '../workflows/[id]/executions/[eid]/logs/route';
import * as execution from '../workflows/[id]/executions/[eid]/route';
import * as executionStream from '../workflows/[id]/executions/[eid]/stream/route';
import * as executions from '../workflows/[id]/executions/route';
import * as workflowExport from '../workflows/[id]/export/route';
import * as triggers from '../workflows/[id]/triggers/route';
import * as trigger from '../workflows/[id]/triggers/[tid]/route';
import * as hook from '../hooks/[tid]/route';
import * as form from '../forms/[tid]/route';
import * as approvalLink from '../approvals/[token]/route';
import * as executionApprovalLinks from '../workflows/[id]/executions/[eid]/approval-links/route';
import * as deploy from '../workflows/[id]/deploy/route';
import * as undeploy from '../workflows/[id]/undeploy/route';
import * as arm from '../workflows/[id]/arm/route';
import * as versions from '../workflows/[id]/versions/route';
import * as version from '../workflows/[id]/versions/[version]/route';
import * as versionRestore from '../workflows/[id]/versions/[version]/restore/route';
import * as webhook from '../webhooks/[webhook_id]/route';
import * as workflowGraph from '../workflows/[id]/graph/route';
import * as workflow from '../workflows/[id]/route';
import * as workflowImport from '../workflows/import/route';
import * as workflows from '../workflows/route';

// Calls the App Router's route handlers in-process, the way Next would, so contract tests run in milliseconds
// against a real database without a server. The e2e suite covers the real server.

type Handler = (request: Request, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;
type RouteModule = Partial<Record<string, unknown>>;

/** Every route file under app/api (but auth, tRPC and the catch-all): the security test walks this list. */
export const API_ROUTES: { pattern: string; file: string; module: RouteModule }[] = [
  { pattern: '/api/health', file: 'health/route.ts', module: health },
  { pattern: '/api/openapi.json', file: 'openapi.json/route.ts', module: openapi },
  { pattern: '/api/mcp', file: 'mcp/route.ts', module: mcp },
  { pattern: '/api/dashboard', file: 'dashboard/route.ts', module: dashboard },
  { pattern: '/api/mcp-servers', file: 'mcp-servers/route.ts', module: mcpServers },
  { pattern: '/api/mcp-servers/:name', file: 'mcp-servers/[name]/route.ts', module: mcpServer },
  { pattern: '/api/workspace/budget', file: 'workspace/budget/route.ts', module: workspaceBudget },
  { pattern: '/api/workflows', file: 'workflows/route.ts', module: workflows },
  { pattern: '/api/workflows/import', file: 'workflows/import/route.ts', module: workflowImport },
  { pattern: '/api/workflows/:id', file: 'workflows/[id]/route.ts', module: workflow },
  { pattern: '/api/workflows/:id/graph', file: 'workflows/[id]/graph/route.ts', module: workflowGraph },
  { pattern: '/api/workflows/:id/export', file: 'workflows/[id]/export/route.ts', module: workflowExport },
  { pattern: '/api/workflows/:id/execute', file: 'workflows/[id]/execute/route.ts', module: execute },
  { pattern: '/api/workflows/:id/execute/stream', file: 'workflows/[id]/execute/stream/route.ts', module: executeStream },
  { pattern: '/api/workflows/:id/executions', file: 'workflows/[id]/executions/route.ts', module: executions },
  { pattern: '/api/workflows/:id/executions/:eid', file: 'workflows/[id]/executions/[eid]/route.ts', module: execution },
  { pattern: '/api/workflows/:id/executions/:eid/logs', file: 'workflows/[id]/executions/[eid]/logs/route.ts', module: executionLogs },
  { pattern: '/api/workflows/:id/executions/:eid/stream', file: 'workflows/[id]/executions/[eid]/stream/route.ts', module: executionStream },
  { pattern: '/api/workflows/:id/executions/:eid/cancel', file: 'workflows/[id]/executions/[eid]/cancel/route.ts', module: executionCancel },
  { pattern: '/api/workflows/:id/executions/:eid/resume', file: 'workflows/[id]/executions/[eid]/resume/route.ts', module: executionResume },
  { pattern: '/api/workflows/:id/executions/:eid/approval-links', file: 'workflows/[id]/executions/[eid]/approval-links/route.ts', module: executionApprovalLinks },
  { pattern: '/api/workflows/:id/executions/:eid/rerun', file: 'workflows/[id]/executions/[eid]/rerun/route.ts', module: executionRerun },
  { pattern: '/api/workflows/:id/deploy', file: 'workflows/[id]/deploy/route.ts', module: deploy },
  { pattern: '/api/workflows/:id/undeploy', file: 'workflows/[id]/undeploy/route.ts', module: undeploy },
  { pattern: '/api/workflows/:id/arm', file: 'workflows/[id]/arm/route.ts', module: arm },
  { pattern: '/api/workflows/:id/versions', file: 'workflows/[id]/versions/route.ts', module: versions },
  { pattern: '/api/workflows/:id/versions/:version', file: 'workflows/[id]/versions/[version]/route.ts', module: version },
  { pattern: '/api/workflows/:id/versions/:version/restore', file: 'workflows/[id]/versions/[version]/restore/route.ts', module: versionRestore },
  { pattern: '/api/webhooks/:webhook_id', file: 'webhooks/[webhook_id]/route.ts', module: webhook },
  { pattern: '/api/workflows/:id/triggers', file: 'workflows/[id]/triggers/route.ts', module: triggers },
  { pattern: '/api/workflows/:id/triggers/:tid', file: 'workflows/[id]/triggers/[tid]/route.ts', module: trigger },
  { pattern: '/api/hooks/:tid', file: 'hooks/[tid]/route.ts', module: hook },
  { pattern: '/api/forms/:tid', file: 'forms/[tid]/route.ts', module: form },
  { pattern: '/api/approvals/:token', file: 'approvals/[token]/route.ts', module: approvalLink },
];

function match(pattern: string, pathname: string): Record<string, string> | null {
  const want = pattern.split('/');
  const got = pathname.split('/');
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (const [i, part] of want.entries()) {
    if (part.startsWith(':')) params[part.slice(1)] = decodeURIComponent(got[i]);
    else if (part !== got[i]) return null;
  }
  return params;
}

export interface ApiRequest {
  key?: string;
  headers?: Record<string, string>;
  /** Serialised as JSON unless it is already a string or bytes. */
  body?: unknown;
}

export interface SseEvent {
  id: number;
  event: string;
  data: Record<string, unknown>;
}

/** Reads a text/event-stream body into events until it ends (or `until` says stop, which disconnects). */
export async function readSse(response: Response, until?: (event: SseEvent) => boolean): Promise<SseEvent[]> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const events: SseEvent[] = [];
  let buffer = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return events;
    buffer += value;
    let boundary;
    while ((boundary = buffer.indexOf('\n\n')) >= 0) {
      const frame = buffer.slice(0, boundary);
      buffer = buffer.slice(boundary + 2);
      const fields = Object.fromEntries(
        frame
          .split('\n')
          .filter((line) => line && !line.startsWith(':'))
          .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 2)]),
      );
      if (!fields.event) continue;
      const event = { id: Number(fields.id), event: fields.event, data: JSON.parse(fields.data) };
      events.push(event);
      if (until?.(event)) {
        await reader.cancel();
        return events;
      }
    }
  }
}

export async function api(method: string, path: string, options: ApiRequest = {}): Promise<Response> {
  const url = new URL(path, 'http://weft.test');
  const headers = new Headers(options.headers);
  if (options.key) headers.set('authorization', `Bearer ${options.key}`);
  let body: string | Uint8Array<ArrayBuffer> | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' || options.body instanceof Uint8Array ? (options.body as string | Uint8Array<ArrayBuffer>) : JSON.stringify(options.body);
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  }
  const request = new Request(url, { method, headers, body });
  // Next runs the proxy before it matches routes, as here.
  const refused = proxy(request);
  if (refused) return refused;
  for (const route of API_ROUTES) {
    const params = match(route.pattern, url.pathname);
    if (!params) continue;
    const handler = route.module[method] as Handler | undefined;
    if (!handler) return new Response(null, { status: 405 });
    return handler(request, { params: Promise.resolve(params) });
  }
  const fallback = (catchAll as RouteModule)[method] as Handler;
  return fallback(request, { params: Promise.resolve({ path: url.pathname.split('/').slice(2) }) });
}

/** The response with its JSON body parsed (null when there is none). */
export async function apiJson<T = Record<string, unknown>>(method: string, path: string, options: ApiRequest = {}) {
  const response = await api(method, path, options);
  if (response.headers.get('content-type')?.startsWith('text/event-stream')) {
    await response.body?.cancel();
    return { status: response.status, headers: response.headers, body: null as T };
  }
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : null) as T };
}

/** Creates a workflow through the API with `graph` saved in it, for tests that need one to run; answers its id. */
export async function createWorkflowWithGraph(key: string, graph: unknown, name = 'Test workflow'): Promise<string> {
  const created = await apiJson<{ id: string }>('POST', '/api/workflows', { key, body: { name } });
  const saved = await apiJson('PUT', `/api/workflows/${created.body.id}/graph`, { key, body: graph });
  if (created.status !== 201 || saved.status !== 200) throw new Error(`could not create a workflow: ${created.status}/${saved.status} ${JSON.stringify(saved.body)}`);
  return created.body.id;
}

/**
 * Tries to save `graph` in a new workflow, for tests of what saving refuses: checks that it is refused with
 * 400 invalid_graph and answers the problems listed in the error's `details`.
 */
export async function invalidGraphDetails(key: string, graph: unknown): Promise<unknown[]> {
  const created = await apiJson<{ id: string }>('POST', '/api/workflows', { key, body: { name: 'Refused graph' } });
  const saved = await apiJson<{ code?: string; details?: unknown[] }>('PUT', `/api/workflows/${created.body.id}/graph`, { key, body: graph });
  if (saved.status !== 400 || saved.body.code !== 'invalid_graph') throw new Error(`expected the graph to be refused with 400 invalid_graph, got ${saved.status} ${JSON.stringify(saved.body)}`);
  return saved.body.details ?? [];
}
