import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { appRouter } from '@/server/api/root';
import { createTrpcContext } from '@/server/api/trpc';
import { readBodyText } from '@/server/http/body';
import { nestsDeeperThan, MAX_JSON_DEPTH } from '@/server/http/json-text';
import { errorResponse } from '@/server/http/respond';
import { ApiError } from '@/server/errors';

export const dynamic = 'force-dynamic';

/**
 * The same body limits as REST (WEFT_MAX_BODY_BYTES, JSON nesting depth) before tRPC parses anything: the body
 * is read here under the cap and handed on as text.
 */
async function withinLimits(request: Request): Promise<Request> {
  const query = new URL(request.url).searchParams.get('input') ?? '';
  const body = request.method === 'POST' ? await readBodyText(request) : '';
  if (nestsDeeperThan(query) || nestsDeeperThan(body)) throw new ApiError('validation_error', `The JSON nests deeper than ${MAX_JSON_DEPTH} levels`);
  if (request.method !== 'POST') return request;
  const headers = new Headers(request.headers);
  headers.delete('content-length');
  return new Request(request.url, { method: 'POST', headers, body });
}

async function handler(request: Request) {
  let req: Request;
  try {
    req = await withinLimits(request);
  } catch (error) {
    return errorResponse(error);
  }
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req,
    router: appRouter,
    createContext: () => createTrpcContext({ headers: req.headers, url: req.url }),
    onError({ error, path }) {
      if (error.code === 'INTERNAL_SERVER_ERROR') console.error(`[weft] tRPC ${path ?? '?'} failed:`, error.cause ?? error);
    },
  });
}

export { handler as GET, handler as POST };
