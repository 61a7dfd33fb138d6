import * as catchAll from '../[...path]/route';
import * as health from '../health/route';
import * as openapi from '../openapi.json/route';
import * as workflowExport from '../workflows/[id]/export/route';
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
  { pattern: '/api/workflows', file: 'workflows/route.ts', module: workflows },
  { pattern: '/api/workflows/import', file: 'workflows/import/route.ts', module: workflowImport },
  { pattern: '/api/workflows/:id', file: 'workflows/[id]/route.ts', module: workflow },
  { pattern: '/api/workflows/:id/graph', file: 'workflows/[id]/graph/route.ts', module: workflowGraph },
  { pattern: '/api/workflows/:id/export', file: 'workflows/[id]/export/route.ts', module: workflowExport },
];

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

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
  /** Serialised as JSON unless it is already a string. */
  body?: unknown;
}

export async function api(method: string, path: string, options: ApiRequest = {}): Promise<Response> {
  const url = new URL(path, 'http://weft.test');
  const headers = new Headers(options.headers);
  if (options.key) headers.set('authorization', `Bearer ${options.key}`);
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  }
  const request = new Request(url, { method, headers, body });
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
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : null) as T };
}
