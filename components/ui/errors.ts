import { TRPCClientError } from '@trpc/client';

const NETWORK_FAILURE = /failed to fetch|networkerror|load failed|network request failed/i;

/**
 * A sentence a person can act on, from whatever a tRPC call or fetch threw: the first validation message when the
 * input was rejected, the server's own message for refusals ("A workspace needs at least one owner…"), and plain
 * words for a lost connection or an ended session.
 */
export function errorMessage(error: unknown, fallback = 'Something went wrong. Please try again.'): string {
  if (error instanceof TRPCClientError) {
    const data = error.data as { httpStatus?: number; details?: unknown } | undefined;
    const details = data?.details;
    if (Array.isArray(details)) {
      const first = details.find((detail): detail is { message: string } => typeof detail?.message === 'string');
      if (first) return first.message;
    }
    if (data?.httpStatus === 401) return 'Your session has ended. Sign in again to continue.';
    if (NETWORK_FAILURE.test(error.message)) return 'Could not reach the Weft server. Check your connection and try again.';
    if (error.message && !error.message.trimStart().startsWith('[')) return error.message;
    return fallback;
  }
  if (error instanceof Error && error.message) {
    return NETWORK_FAILURE.test(error.message) ? 'Could not reach the Weft server. Check your connection and try again.' : error.message;
  }
  return fallback;
}
