// Errors carry the contract's code (../shared/API.md) from where they are raised; server/http/respond.ts is the
// one place that turns them into HTTP responses, and server/api/trpc.ts into tRPC errors.

export type ErrorCode =
  | 'validation_error'
  | 'invalid_graph'
  | 'unauthorized'
  | 'forbidden'
  | 'webhook_not_active'
  | 'approval_link_invalid'
  | 'not_found'
  | 'workflow_not_found'
  | 'execution_not_found'
  | 'webhook_not_found'
  | 'trigger_not_found'
  | 'version_not_found'
  | 'method_not_allowed'
  | 'already_deployed'
  | 'not_deployed'
  | 'version_conflict'
  | 'execution_finished'
  | 'not_waiting'
  | 'conflict'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'unavailable'
  | 'internal_error';

const STATUS: Record<ErrorCode, number> = {
  validation_error: 400,
  invalid_graph: 400,
  unauthorized: 401,
  forbidden: 403,
  webhook_not_active: 403,
  approval_link_invalid: 403,
  not_found: 404,
  workflow_not_found: 404,
  execution_not_found: 404,
  webhook_not_found: 404,
  trigger_not_found: 404,
  version_not_found: 404,
  method_not_allowed: 405,
  already_deployed: 409,
  not_deployed: 409,
  version_conflict: 409,
  execution_finished: 409,
  not_waiting: 409,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  unavailable: 503,
  internal_error: 500,
};

/** Every code with its status, for the OpenAPI document. */
export const ERROR_STATUSES: Readonly<Record<ErrorCode, number>> = STATUS;

export class ApiError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = STATUS[code];
  }

  toBody() {
    return { error: this.message, code: this.code, ...(this.details ? { details: this.details } : {}) };
  }
}

export const unauthorized = () => new ApiError('unauthorized', 'Unauthorized');
export const forbidden = (message = 'Your role does not allow this') => new ApiError('forbidden', message);
