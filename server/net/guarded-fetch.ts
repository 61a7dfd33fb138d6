import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { describeUrl, NetworkError } from './errors';
import { createGuardedLookup, type AddressPolicy, type Resolver } from './guarded-lookup';
import { decodedBody } from './read-body';
import { methodAfterRedirect, REDIRECT_STATUSES } from './redirects';
import { headersForRedirect, type RequestHeaders } from './request-headers';
import { checkLiteralHost, sendRequest } from './send-request';
import { DEFAULT_MAX_REDIRECTS, HTTP_METHODS, type HttpMethod } from './types';

// A `fetch` for clients that want one (the AI SDK's providers) when the URL is user input: the same guard as
// `safeFetch` (every host resolved through the guarded lookup and connected to the address that was checked, so a
// re-resolving name cannot swap in a private address; every redirect hop checked again), but the answer is a
// standard `Response` whose body streams as it arrives, so token streams stay streams.

export interface GuardedFetchOptions extends AddressPolicy {
  /** How host names are resolved; default `dns.lookup`. Tests inject one. */
  resolve?: Resolver;
  maxRedirects?: number;
}

/** Statuses whose `Response` may not have a body. */
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);
/** Set by the connection; a value from the caller would contradict it. */
const MANAGED_HEADERS = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'host']);

function requestMethod(method: string): HttpMethod {
  const upper = method.toUpperCase();
  if (!(HTTP_METHODS as readonly string[]).includes(upper)) {
    throw new NetworkError('invalid_request', `${method} is not a supported HTTP method`);
  }
  return upper as HttpMethod;
}

function requestHeaders(headers: Headers): RequestHeaders {
  const plain: RequestHeaders = {};
  for (const [name, value] of headers) if (!MANAGED_HEADERS.has(name)) plain[name] = value;
  // Node's client asks for no compression unless told to; say so, and undo any the server applies anyway.
  plain['accept-encoding'] ??= 'identity';
  return plain;
}

function responseHeaders(response: IncomingMessage, decoded: boolean): Headers {
  const headers = new Headers();
  for (const [name, values] of Object.entries(response.headersDistinct)) {
    // Once decoded, the body no longer matches the announced encoding or length.
    if (decoded && (name === 'content-encoding' || name === 'content-length')) continue;
    for (const value of values ?? []) headers.append(name, value);
  }
  return headers;
}

/** The response as a `Response` whose body streams; cancelling it (or the signal) closes the connection. */
function toResponse(response: IncomingMessage, url: URL, signal: AbortSignal): Response {
  const status = response.statusCode ?? 0;
  if (NULL_BODY_STATUSES.has(status)) {
    response.destroy();
    return new Response(null, { status, statusText: response.statusMessage, headers: responseHeaders(response, false) });
  }
  const { stream, encoded } = decodedBody(response);
  const decoded = stream !== response && !encoded;
  const onAbort = () => stream.destroy(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
  signal.addEventListener('abort', onAbort, { once: true });
  stream.once('close', () => signal.removeEventListener('abort', onAbort));
  const result = new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, {
    status,
    statusText: response.statusMessage,
    headers: responseHeaders(response, decoded),
  });
  Object.defineProperty(result, 'url', { value: url.href });
  return result;
}

/**
 * A `fetch` that may only reach addresses the policy allows, checked on every hop of every redirect at the
 * moment of connecting. Rejects with a `NetworkError` when an address is refused.
 */
export function createGuardedFetch(options: GuardedFetchOptions): typeof fetch {
  const policy: AddressPolicy = { allowPrivateNetwork: options.allowPrivateNetwork, isBlocked: options.isBlocked };
  const lookup = createGuardedLookup(policy, options.resolve);
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;

  return async (input, init) => {
    const request = new Request(input, init);
    const { signal } = request;
    let current = new URL(request.url);
    let method = requestMethod(request.method);
    let headers = requestHeaders(request.headers);
    let payload: Buffer | undefined = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
    
    for (let redirects = 0; ; redirects += 1) {
      checkLiteralHost(current, policy);
      const response = await sendRequest({ url: current, method, headers, payload, lookup, signal });
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (!REDIRECT_STATUSES.has(status) || !location || request.redirect === 'manual') return toResponse(response, current, signal);

      response.destroy();
      if (redirects >= maxRedirects) {
        throw new NetworkError('too_many_redirects', `The request to ${describeUrl(current)} was redirected more than ${maxRedirects} times`);
      }
      const next = new URL(location, current);
      if (next.protocol !== 'http:' && next.protocol !== 'https:') {
        throw new NetworkError('invalid_url', `${describeUrl(current)} redirected to a ${next.protocol} URL`);
      }
      const change = methodAfterRedirect(status, method);
      headers = headersForRedirect(headers, { crossOrigin: next.origin !== current.origin, dropBody: change.dropBody });
      if (change.dropBody) payload = undefined;
      method = change.method;
      current = next;
    }
  };
}
