import { env } from '../env';

/**
 * The origin this request was made to, as the browser saw it (proxy-aware: X-Forwarded-Host/-Proto, which
 * scripts/server.mjs passes on only from WEFT_TRUSTED_PROXIES and otherwise sets from the socket itself).
 */
export function requestOrigin(headers: Headers, requestUrl: string): string {
  const url = new URL(requestUrl);
  const host = headers.get('x-forwarded-host') ?? headers.get('host') ?? url.host;
  const proto = headers.get('x-forwarded-proto') ?? url.protocol.replace(':', '');
  return `${proto}://${host}`;
}

/** The origin people reach this server on: WEFT_PUBLIC_URL when set, else the request's own. */
export function publicOrigin(headers: Headers, requestUrl: string): string {
  const configured = env().WEFT_PUBLIC_URL;
  return configured ? new URL(configured).origin : requestOrigin(headers, requestUrl);
}
