export type NetworkErrorCode =
  | 'invalid_url'
  | 'invalid_request'
  | 'blocked_address'
  | 'timeout'
  | 'cancelled'
  | 'too_large'
  | 'too_many_redirects'
  | 'network';

/**
 * The one error type `safeFetch` rejects with. `message` is written for the person who built the workflow and never
 * contains a request header value (those may hold secrets); `code` says what went wrong.
 */
export class NetworkError extends Error {
  readonly code: NetworkErrorCode;

  constructor(code: NetworkErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'NetworkError';
    this.code = code;
  }
}

/**
 * How a URL is shown in messages: scheme, host and path only. Credentials are dropped and a query string (where
 * API keys like to hide) is shown as `?…`.
 */
export function describeUrl(url: URL): string {
  return `${url.origin}${url.pathname}${url.search ? '?…' : ''}`;
}

/** "5 MB", "512 KB", "100 bytes". */
export function formatBytes(bytes: number): string {
  const units: [number, string][] = [
    [1024 * 1024 * 1024, 'GB'],
    [1024 * 1024, 'MB'],
    [1024, 'KB'],
  ];
  for (const [size, unit] of units) {
    if (bytes >= size) return `${Number((bytes / size).toFixed(1))} ${unit}`;
  }
  return `${bytes} bytes`;
}

const PRIVATE_NETWORK_HINT = 'set WEFT_ALLOW_PRIVATE_NETWORK=true to allow them';

/** "Refused to call db.internal (10.0.0.5, a private address): private network addresses are blocked (…)". */
export function blockedAddressError(host: string, address: string, kind: string): NetworkError {
  const target = host === address ? `${address} (${kind})` : `${host} (${address}, ${kind})`;
  return new NetworkError(
    'blocked_address',
    `Refused to call ${target}: private network addresses are blocked (${PRIVATE_NETWORK_HINT})`,
  );
}

export function timeoutError(url: URL, timeoutMs: number): NetworkError {
  return new NetworkError('timeout', `The request to ${describeUrl(url)} took longer than ${timeoutMs} ms`);
}

export function cancelledError(url: URL): NetworkError {
  return new NetworkError('cancelled', `The request to ${describeUrl(url)} was cancelled`);
}

export function tooLargeError(maxBytes: number, announced?: number): NetworkError {
  const detail = announced === undefined ? '' : ` (the server announced ${formatBytes(announced)})`;
  return new NetworkError('too_large', `The response is larger than the ${formatBytes(maxBytes)} limit${detail}`);
}

const TLS_CODE = /^(CERT_|ERR_TLS_|ERR_SSL_|DEPTH_ZERO_|SELF_SIGNED_|UNABLE_TO_|HOSTNAME_MISMATCH)/;

/**
 * Turns whatever the socket or DNS threw into a `NetworkError` a non-developer can act on. A `NetworkError` (a
 * refused address from the guarded lookup, a timeout, a cancellation) passes through unchanged.
 */
export function toNetworkError(error: unknown, url: URL): NetworkError {
  if (error instanceof NetworkError) return error;
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  const text = typeof message === 'string' && message ? message : String(error);
  const host = url.hostname;
  const hostAndPort = url.host;
  switch (typeof code === 'string' ? code : '') {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_FAIL':
    case 'EAI_NODATA':
    case 'EAI_NONAME':
      return new NetworkError('network', `Could not find the server ${host}: the name does not resolve`, { cause: error });
    case 'ECONNREFUSED':
      return new NetworkError('network', `Could not connect to ${hostAndPort}: the connection was refused`, { cause: error });
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ETIMEDOUT':
      return new NetworkError('network', `Could not reach ${hostAndPort}`, { cause: error });
    case 'ECONNRESET':
    case 'EPIPE':
      return new NetworkError('network', `The connection to ${hostAndPort} was closed unexpectedly`, { cause: error });
    case 'EPROTO':
      return new NetworkError(
        'network',
        `The secure connection to ${hostAndPort} failed: the server did not answer with HTTPS`,
        { cause: error },
      );
    case 'HPE_INVALID_CONSTANT':
    case 'HPE_INVALID_HEADER_TOKEN':
    case 'HPE_INVALID_STATUS':
    case 'HPE_INVALID_VERSION':
      return new NetworkError('network', `${hostAndPort} did not answer with a valid HTTP response`, { cause: error });
    default:
      if (typeof code === 'string' && TLS_CODE.test(code)) {
        return new NetworkError('network', `The secure connection to ${host} failed: ${text}`, { cause: error });
      }
      return new NetworkError('network', `The request to ${describeUrl(url)} failed: ${text}`, { cause: error });
  }
}
