import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { toNetworkError } from './errors';
import { checkAddress, type AddressPolicy } from './guarded-lookup';
import type { RequestHeaders } from './request-headers';
import type { HttpMethod } from './types';

export interface Hop {
  url: URL;
  method: HttpMethod;
  headers: RequestHeaders;
  payload: Buffer | undefined;
  /** The guarded lookup: every host name goes through it. */
  lookup: LookupFunction;
  /** Aborted by timeout or cancellation; its reason is what the hop rejects with. */
  signal: AbortSignal;
}

/** `[::1]` → `::1`: http.request wants IPv6 hosts without brackets. */
function bareHostname(url: URL): string {
  return url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
}

/** Node connects to a literal IP host without calling `lookup`, so those are checked here. */
export function checkLiteralHost(url: URL, policy: AddressPolicy): void {
  const host = bareHostname(url);
  if (isIP(host) !== 0) checkAddress(host, host, policy);
}

/**
 * Sends one request and resolves with the response once its headers arrive; the body is left unread. Every hop
 * gets its own connection (`agent: false`), so a socket checked under one policy is never reused under another.
 */
export function sendRequest(hop: Hop): Promise<IncomingMessage> {
  const { url, method, headers, payload, lookup, signal } = hop;
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    let request: http.ClientRequest;
    try {
      request = (url.protocol === 'https:' ? https : http).request({
        protocol: url.protocol,
        hostname: bareHostname(url),
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        method,
        headers: payload ? { ...headers, 'Content-Length': String(payload.length) } : headers,
        auth: url.username ? `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}` : undefined,
        agent: false,
        lookup,
      });
    } catch (error) {
      reject(toNetworkError(error, url));
      return;
    }
    const onAbort = () => request.destroy(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    request.once('response', (response) => {
      signal.removeEventListener('abort', onAbort);
      resolve(response);
    });
    // Stays attached after the response: a socket error while the body is read must not go unhandled.
    request.on('error', (error) => {
      signal.removeEventListener('abort', onAbort);
      reject(signal.aborted ? signal.reason : toNetworkError(error, url));
    });
    request.end(payload);
  });
}
