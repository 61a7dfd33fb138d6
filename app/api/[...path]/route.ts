import { ApiError } from '@/server/errors';
import { errorResponse } from '@/server/http/respond';

// Any /api path no route handles answers the contract's JSON error, never Next's HTML 404 page.
function notFound(request: Request) {
  const { pathname } = new URL(request.url);
  return errorResponse(new ApiError('not_found', `No API route ${request.method} ${pathname}`));
}

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
export const HEAD = notFound;
export const OPTIONS = notFound;
