import { WEFT_VERSION } from '@/server/version';
import { describeUrl, cancelledError, NetworkError, timeoutError } from './errors';
import { createGuardedLookup, type AddressPolicy } from './guarded-lookup';
import { parseBody } from './parse-body';
import { readBody } from './read-body';
import { methodAfterRedirect, REDIRECT_STATUSES } from './redirects';
import { encodeRequestBody } from './request-body';
import { buildRequestHeaders, headersForRedirect } from './request-headers';
import { checkLiteralHost, sendRequest } from './send-request';
import {
  DEFAULT_MAX_BYTES,
  DEFAULT_MAX_REDIRECTS,
  DEFAULT_TIMEOUT_MS,
  HTTP_METHODS,
  type HttpMethod,
  type SafeFetchOptions,
  type SafeFetchResult,
} from './types';

// The outbound HTTP client of the `http` block and the agent's `http_request` tool. Users type the URLs, so a
// request may only reach public addresses (unless the server allows private ones), every redirect hop is checked
// again, and time, size and redirect count are bounded.

function shorten(text: string): string {
  return text.length > 200 ? `${text.slice(0, 197)}…` : text;
}

function parseHttpUrl(text: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(text, base);
  } catch {
    throw new NetworkError(
      'invalid_url',
      base
        ? `${describeUrl(base)} redirected to "${shorten(text)}", which is not a valid URL`
        : `"${shorten(text)}" is not a valid URL`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new NetworkError(
      'invalid_url',
      base
        ? `${describeUrl(base)} redirected to a ${url.protocol} URL; only http:// and https:// URLs can be called`
        : `Only http:// and https:// URLs can be called (got ${url.protocol})`,
    );
  }
  return url;
}

function normaliseMethod(method: string | undefined): HttpMethod {
  const upper = (method ?? 'GET').toUpperCase();
  if (!(HTTP_METHODS as readonly string[]).includes(upper)) {
    throw new NetworkError(
      'invalid_request',
      `"${shorten(String(method))}" is not a supported HTTP method (use ${HTTP_METHODS.join(', ')})`,
    );
  }
  return upper as HttpMethod;
}

function positive(value: number | undefined, fallback: number, what: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) throw new NetworkError('invalid_request', `${what} must be a positive number`);
  return value;
}

/** The URL a workflow is shown: no credentials, no fragment. */
function publicHref(url: URL): string {
  const shown = new URL(url);
  shown.username = '';
  shown.password = '';
  shown.hash = '';
  return shown.href;
}

function responseHeaders(distinct: Record<string, string[] | undefined>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, values] of Object.entries(distinct)) {
    if (values) headers[name.toLowerCase()] = values.join(', ');
  }
  return headers;
}

/**
 * Calls a URL the way a workflow block may: public addresses only (checked on the address actually connected to),
 * redirects followed and re-checked, bounded in time and size. Resolves with any HTTP status, 4xx and 5xx
 * included; rejects only with a `NetworkError`.
 */
export async function safeFetch(url: string, options: SafeFetchOptions = {}): Promise<SafeFetchResult> {
  const started = performance.now();
  let current = parseHttpUrl(url);
  let method = normaliseMethod(options.method);
  const timeoutMs = positive(options.timeoutMs, DEFAULT_TIMEOUT_MS, 'The timeout');
  const maxBytes = positive(options.maxBytes, DEFAULT_MAX_BYTES, 'The response size limit');
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const policy: AddressPolicy = {
    allowPrivateNetwork: options.allowPrivateNetwork === true,
    isBlocked: options.isBlocked,
  };
  const lookup = createGuardedLookup(policy, options.resolve);
  const encoded = encodeRequestBody(
    options.body,
    buildRequestHeaders(options.headers, options.userAgent ?? `Weft/${WEFT_VERSION}`),
  );
  let headers = encoded.headers;
  let payload = encoded.payload;

  if (options.signal?.aborted) throw cancelledError(current);
  const controller = new AbortController();
  // setTimeout fires at once for delays beyond 2^31 - 1 ms (about 24 days).
  const timer = setTimeout(() => controller.abort(timeoutError(current, timeoutMs)), Math.min(timeoutMs, 2 ** 31 - 1));
  const onCancel = () => controller.abort(cancelledError(current));
  options.signal?.addEventListener('abort', onCancel, { once: true });
  const { signal } = controller;

  try {
    for (let redirects = 0; ; redirects += 1) {
      checkLiteralHost(current, policy);
      const response = await sendRequest({ url: current, method, headers, payload, lookup, signal });
      const status = response.statusCode ?? 0;
      const location = response.headers.location;

      if (REDIRECT_STATUSES.has(status) && location) {
        response.destroy();
        if (redirects >= maxRedirects) {
          throw new NetworkError(
            'too_many_redirects',
            `The request to ${describeUrl(new URL(url))} was redirected more than ${maxRedirects} times`,
          );
        }
        const next = parseHttpUrl(location, current);
        const change = methodAfterRedirect(status, method);
        headers = headersForRedirect(headers, {
          crossOrigin: next.origin !== current.origin,
          dropBody: change.dropBody,
        });
        if (change.dropBody) payload = undefined;
        method = change.method;
        current = next;
        continue;
      }

      const body = await readBody(response, {
        maxBytes,
        signal,
        shownUrl: describeUrl(current),
        hasBody: method !== 'HEAD' && status !== 204 && status !== 304,
      });
      return {
        status,
        headers: responseHeaders(response.headersDistinct),
        body: parseBody(body.bytes, response.headers['content-type'], body.encoded),
        url: publicHref(current),
        redirected: redirects > 0,
        duration_ms: Math.round(performance.now() - started),
      };
    }
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onCancel);
  }
}
