import { isStorableText } from '../db/storable-text';
import { ApiError } from '../errors';

/**
 * Why an /api path cannot be served, or null: percent-escapes that are not UTF-8 (`%FF`) cannot be decoded into
 * route parameters, and a NUL (`%00`) cannot be compared with anything the database holds.
 */
export function badPathProblem(pathname: string): ApiError | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return new ApiError('validation_error', 'The request path holds a percent-escape that is not valid UTF-8');
  }
  return isStorableText(decoded) ? null : new ApiError('validation_error', 'The request path must not contain %00 or unpaired surrogates');
}

/** Throws the contract's validation_error for route parameters no stored row could match (see badPathProblem). */
export function refuseBadParams(params: unknown): void {
  for (const value of Object.values(params ?? {})) {
    const parts: unknown[] = Array.isArray(value) ? value : [value];
    for (const part of parts) if (typeof part === 'string' && !isStorableText(part)) throw badPathProblem('%00')!;
  }
}
