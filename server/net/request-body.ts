import { NetworkError } from './errors';
import { hasHeader, type RequestHeaders } from './request-headers';

/**
 * The bytes to send and the headers that go with them. A string is sent as text, bytes as they are, and any other
 * value as JSON; a `Content-Type` the caller chose is kept. `undefined` sends no body.
 */
export function encodeRequestBody(
  body: unknown,
  headers: RequestHeaders,
): { payload: Buffer | undefined; headers: RequestHeaders } {
  if (body === undefined) return { payload: undefined, headers };
  let payload: Buffer;
  let contentType: string;
  if (typeof body === 'string') {
    payload = Buffer.from(body, 'utf8');
    contentType = 'text/plain; charset=utf-8';
  } else if (body instanceof Uint8Array) {
    payload = Buffer.from(body);
    contentType = 'application/octet-stream';
  } else {
    let json: string | undefined;
    try {
      json = JSON.stringify(body);
    } catch {
      json = undefined;
    }
    if (json === undefined) throw new NetworkError('invalid_request', 'The request body cannot be sent as JSON');
    payload = Buffer.from(json, 'utf8');
    contentType = 'application/json';
  }
  return {
    payload,
    headers: hasHeader(headers, 'content-type') ? headers : { ...headers, 'Content-Type': contentType },
  };
}
