import { NetworkError } from './errors';

// The headers a workflow sends. Names and values are checked before anything goes on the wire (a line break in a
// templated value must never become a second header), and messages name the header but never show its value.

/** RFC 9110 token characters. */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const LINE_BREAK = /[\r\n]/;
/** What Node's HTTP client can send: tab, visible ASCII and Latin-1. */
const SENDABLE_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/** Set from the body, the connection and the URL by the client itself; a caller's copy is dropped. */
const MANAGED = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'upgrade']);

/** Only sent to the origin they were meant for. */
const CREDENTIALS = ['authorization', 'cookie', 'proxy-authorization', 'host'];
/** Describe a body that a redirect to GET no longer sends. */
const BODY_HEADERS = ['content-type', 'content-encoding', 'content-language', 'content-location'];

export type RequestHeaders = Record<string, string>;

function shownName(name: string): string {
  const shown = JSON.stringify(name);
  return shown.length > 80 ? `${shown.slice(0, 77)}…"` : shown;
}

/**
 * The caller's headers, checked, with `User-Agent`, `Accept` and `Accept-Encoding` defaults added. Names keep the
 * caller's spelling; when a name appears twice in different cases the last one wins.
 */
export function buildRequestHeaders(input: Record<string, string> | undefined, userAgent: string): RequestHeaders {
  const headers: RequestHeaders = {};
  for (const [name, value] of Object.entries(input ?? {})) {
    if (!HEADER_NAME.test(name)) {
      throw new NetworkError('invalid_request', `${shownName(name)} is not a valid header name`);
    }
    if (typeof value !== 'string') {
      throw new NetworkError('invalid_request', `The value of the header ${shownName(name)} must be text`);
    }
    if (LINE_BREAK.test(value)) {
      throw new NetworkError('invalid_request', `The header ${shownName(name)} contains a line break, which is not allowed`);
    }
    if (!SENDABLE_VALUE.test(value)) {
      throw new NetworkError(
        'invalid_request',
        `The header ${shownName(name)} contains a character that cannot be sent in a header`,
      );
    }
    if (MANAGED.has(name.toLowerCase())) continue;
    deleteHeader(headers, name);
    headers[name] = value;
  }
  if (!hasHeader(headers, 'user-agent')) headers['User-Agent'] = userAgent;
  if (!hasHeader(headers, 'accept')) headers['Accept'] = '*/*';
  if (!hasHeader(headers, 'accept-encoding')) headers['Accept-Encoding'] = 'gzip, deflate, br';
  return headers;
}

export function hasHeader(headers: RequestHeaders, name: string): boolean {
  const lower = name.toLowerCase();
  return Object.keys(headers).some((key) => key.toLowerCase() === lower);
}

function deleteHeader(headers: RequestHeaders, name: string): void {
  const lower = name.toLowerCase();
  for (const key of Object.keys(headers)) if (key.toLowerCase() === lower) delete headers[key];
}

/** The headers for the next hop of a redirect: credentials stay with their origin, body headers with their body. */
export function headersForRedirect(
  headers: RequestHeaders,
  change: { crossOrigin: boolean; dropBody: boolean },
): RequestHeaders {
  const next = { ...headers };
  if (change.crossOrigin) for (const name of CREDENTIALS) deleteHeader(next, name);
  if (change.dropBody) for (const name of BODY_HEADERS) deleteHeader(next, name);
  return next;
}
