import { ZodError } from 'zod';
import { isDatabaseUnavailable } from '../db/unavailable';
import { ApiError } from '../errors';

export function zodDetails(error: ZodError) {
  return error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

/** Any thrown value as the contract's error body; never a stack trace or a secret. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof ZodError) return new ApiError('validation_error', 'The request does not match the schema', zodDetails(error));
  if (isDatabaseUnavailable(error)) {
    console.error('[weft] database unavailable:', error instanceof Error ? error.message : error);
    return new ApiError('unavailable', 'The database cannot take this request right now (out of disk space or connection lost); try again shortly', undefined, {
      'Retry-After': '5',
    });
  }
  console.error('[weft] unexpected error:', error);
  return new ApiError('internal_error', 'Internal server error');
}

export function errorResponse(error: unknown): Response {
  const apiError = toApiError(error);
  return Response.json(apiError.toBody(), { status: apiError.status, headers: apiError.headers });
}

export function json(body: unknown, status = 200, headers?: HeadersInit): Response {
  return Response.json(body, { status, headers });
}
