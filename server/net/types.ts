import type { Resolver } from './guarded-lookup';

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
export const DEFAULT_MAX_REDIRECTS = 5;

export interface SafeFetchOptions {
  /** Default `GET`; lower case is accepted. */
  method?: HttpMethod;
  /** Header names must be valid tokens; values may not contain line breaks. */
  headers?: Record<string, string>;
  /**
   * A string is sent as is (`text/plain; charset=utf-8` unless a `Content-Type` header says otherwise); bytes as
   * `application/octet-stream`; any other JSON value serialised as `application/json`. `undefined`: no body.
   */
  body?: unknown;
  /** The whole request: every redirect hop and the body read. Default 30 000 ms. */
  timeoutMs?: number;
  /** Largest (decompressed) response body accepted. Default 5 MB. */
  maxBytes?: number;
  /** Redirects followed before giving up with `too_many_redirects`. Default 5. */
  maxRedirects?: number;
  /** Cancels the request; the socket is destroyed at once. */
  signal?: AbortSignal;
  /** Allow private, loopback, link-local… addresses (the server sets this from WEFT_ALLOW_PRIVATE_NETWORK). */
  allowPrivateNetwork?: boolean;
  /** Default `Weft/<version>`; a `User-Agent` header wins over both. */
  userAgent?: string;
  /** How host names are resolved; default `dns.lookup` with `all: true`. Tests inject one. */
  resolve?: Resolver;
  /** Which addresses are refused; default `isBlockedAddress`. Tests inject one to make a local server "public". */
  isBlocked?: (ip: string) => boolean;
}

/** A response body that is not text: images, PDFs, archives, octet streams. */
export interface BinaryBody {
  base64: string;
  content_type: string;
  size: number;
}

/** Parsed JSON, text, or a `BinaryBody`. */
export type ResponseBody = unknown;

export interface SafeFetchResult {
  status: number;
  /** Lower-cased names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: ResponseBody;
  /** The final URL after redirects, without credentials or fragment. */
  url: string;
  redirected: boolean;
  duration_ms: number;
}
