import type { IncomingMessage } from 'node:http';
import { Duplex, pipeline, Readable } from 'node:stream';
import zlib from 'node:zlib';
import { NetworkError, tooLargeError } from './errors';

// Reads a response body into memory, decompressing it as `Content-Encoding` says, and stops as soon as the
// decompressed size passes the cap (a 10 KB gzip bomb must not become 10 GB in memory). Cancelling the signal
// destroys the response, and with it the socket.

export interface ReadBodyOptions {
  maxBytes: number;
  /** Aborted by timeout or cancellation; its reason is what `readBody` rejects with. */
  signal: AbortSignal;
  /** For messages: how the URL is shown. */
  shownUrl: string;
  /** False for answers without a body (HEAD, 204, 304): their Content-Length describes a body never sent. */
  hasBody: boolean;
}

export interface ReadBody {
  bytes: Buffer;
  /** True when the body is still encoded in a way we cannot decode (it is then treated as binary). */
  encoded: boolean;
}

/** Raw deflate and zlib-wrapped deflate are both sent as `deflate`; the first byte tells them apart. */
function inflateEither(): Duplex {
  return Duplex.from(async function* (source: AsyncIterable<Buffer>) {
    const chunks = source[Symbol.asyncIterator]();
    const first = await chunks.next();
    if (first.done) return;
    const inflate = (first.value[0] & 0x0f) === 8 ? zlib.createInflate() : zlib.createInflateRaw();
    const input = Readable.from(
      (async function* () {
        yield first.value;
        for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield next.value;
      })(),
    );
    yield* pipeline(input, inflate, () => {});
  });
}

function decoderFor(encoding: string): Duplex | null {
  switch (encoding) {
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip();
    case 'deflate':
      return inflateEither();
    case 'br':
      return zlib.createBrotliDecompress();
    default:
      return null;
  }
}

/** The content codings, outermost first; `identity` means none. */
function contentEncodings(header: string | undefined): string[] {
  return (header ?? '')
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity')
    .reverse();
}

/** zlib reports `Z_DATA_ERROR`, `Z_BUF_ERROR`…; brotli `ERR__ERROR_FORMAT_…`. */
function isDecompressionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('Z_') || code.startsWith('ERR__ERROR_'));
}

/** The response body with its content codings undone; `encoded` when one of them is unknown (left as is). */
export function decodedBody(response: IncomingMessage): { stream: Readable; encoded: boolean } {
  let stream: Readable = response;
  for (const encoding of contentEncodings(response.headers['content-encoding'])) {
    const decoder = decoderFor(encoding);
    if (!decoder) return { stream, encoded: true };
    stream = pipeline(stream, decoder, () => {});
  }
  return { stream, encoded: false };
}

export async function readBody(response: IncomingMessage, options: ReadBodyOptions): Promise<ReadBody> {
  const { maxBytes, signal, shownUrl, hasBody } = options;
  const onAbort = () => response.destroy(signal.reason as Error);
  try {
    if (signal.aborted) throw signal.reason;
    const announced = Number(response.headers['content-length']);
    if (hasBody && Number.isFinite(announced) && announced > maxBytes) throw tooLargeError(maxBytes, announced);
    signal.addEventListener('abort', onAbort, { once: true });

    const { stream, encoded } = decodedBody(response);

    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxBytes) throw tooLargeError(maxBytes);
      chunks.push(chunk);
    }
    if (signal.aborted) throw signal.reason;
    if (!response.complete) throw new Error('response ended early');
    return { bytes: Buffer.concat(chunks, size), encoded };
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    if (error instanceof NetworkError) throw error;
    if (isDecompressionError(error)) {
      throw new NetworkError('network', `The response from ${shownUrl} could not be decompressed`, { cause: error });
    }
    throw new NetworkError('network', `The connection to ${shownUrl} closed before the whole response arrived`, {
      cause: error,
    });
  } finally {
    signal.removeEventListener('abort', onAbort);
    if (!response.complete) response.destroy();
  }
}
