import type { HttpMethod } from './types';

export const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/**
 * The method of the next hop, as browsers do it: 303 turns anything but HEAD into a body-less GET, and so do
 * 301/302 for a POST; 307/308 repeat the request as it was.
 */
export function methodAfterRedirect(status: number, method: HttpMethod): { method: HttpMethod; dropBody: boolean } {
  if ((status === 303 && method !== 'GET' && method !== 'HEAD') || ((status === 301 || status === 302) && method === 'POST')) {
    return { method: 'GET', dropBody: true };
  }
  return { method, dropBody: false };
}
