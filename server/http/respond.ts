import { ApiError } from '../errors';

/** The contract's error body for any thrown value; never a stack trace or a secret. */
export function errorResponse(error: unknown): Response {
  if (error instanceof ApiError) {
    return Response.json(error.toBody(), { status: error.status, headers: error.headers });
  }
  console.error('[weft] unexpected error:', error);
  return Response.json({ error: 'Internal server error', code: 'internal_error' }, { status: 500 });
}
