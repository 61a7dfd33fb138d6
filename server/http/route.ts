import { authenticate, isSameOrigin } from '../auth/authenticate';
import type { Caller } from '../auth/caller';
import { ApiError, forbidden, unauthorized } from '../errors';
import { refuseBadParams } from './request-path';
import { errorResponse } from './respond';

// Every REST handler is built with these: they authenticate, refuse cross-origin cookie mutations, turn thrown
// errors into the contract's body, and serialise plain return values as 200 JSON.

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

type RouteContext<P> = { params: Promise<P> };
type Result = Response | object;

export function publicRoute<P = Record<string, never>>(handler: (request: Request, params: P) => Promise<Result>) {
  return async (request: Request, context: RouteContext<P>): Promise<Response> => {
    try {
      const params = await context.params;
      refuseBadParams(params);
      const result = await handler(request, params);
      return result instanceof Response ? result : Response.json(result);
    } catch (error) {
      return errorResponse(error);
    }
  };
}

export function authedRoute<P = Record<string, never>>(handler: (request: Request, caller: Caller, params: P) => Promise<Result>) {
  return publicRoute<P>(async (request, params) => {
    const caller = await authenticate(request.headers);
    if (!caller) throw unauthorized();
    if (caller.via === 'session' && !SAFE_METHODS.has(request.method) && !isSameOrigin(request.headers, request.url)) {
      throw forbidden('Cross-origin requests authenticated by cookie are refused; use an API key');
    }
    return handler(request, caller, params);
  });
}

/** For the methods a route does not implement: the contract's JSON 405 instead of Next's empty one. */
export function methodNotAllowed(allowed: string[]) {
  return async (request: Request): Promise<Response> =>
    errorResponse(
      new ApiError('method_not_allowed', `${request.method} is not allowed here; use ${allowed.join(', ')}`, undefined, {
        Allow: allowed.join(', '),
      }),
    );
}
