import { badPathProblem } from '@/server/http/request-path';
import { errorResponse } from '@/server/http/respond';

// Runs before Next matches routes: a path Next cannot decode into route parameters would otherwise end in its
// plain-text 500, so such /api paths get the contract's JSON error here.
export function proxy(request: Request): Response | undefined {
  const problem = badPathProblem(new URL(request.url).pathname);
  return problem ? errorResponse(problem) : undefined;
}

export const config = { matcher: '/api/:path*' };
