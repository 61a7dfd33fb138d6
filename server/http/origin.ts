import { env } from '../env';

/** The origin people reach this server on: WEFT_PUBLIC_URL when set, else what the request says (proxy-aware). */
export function publicOrigin(headers: Headers, requestUrl: string): string {
  const configured = env().WEFT_PUBLIC_URL;
  if (configured) return new URL(configured).origin;
  const url = new URL(requestUrl);
  const host = headers.get('x-forwarded-host') ?? headers.get('host') ?? url.host;
  const proto = headers.get('x-forwarded-proto') ?? url.protocol.replace(':', '');
  return `${proto}://${host}`;
}
