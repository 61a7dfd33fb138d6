import type { BinaryBody, ResponseBody } from './types';

// What a workflow sees of a response body: JSON parsed, text as text, anything else as base64 so it survives being
// stored and passed to the next block.

const TEXT_TYPES = new Set([
  'application/x-www-form-urlencoded',
  'application/javascript',
  'application/ecmascript',
  'application/graphql',
  'application/x-ndjson',
  'application/ndjson',
  'application/yaml',
  'application/x-yaml',
  'application/toml',
  'application/sql',
  'application/csv',
  'application/x-sh',
]);

const BINARY_PREFIXES = ['image/', 'audio/', 'video/', 'font/', 'model/'];
const BINARY_TYPES = new Set([
  'application/octet-stream',
  'application/pdf',
  'application/zip',
  'application/gzip',
  'application/x-gzip',
  'application/x-tar',
  'application/x-bzip2',
  'application/x-7z-compressed',
  'application/x-rar-compressed',
  'application/vnd.rar',
  'application/java-archive',
  'application/wasm',
  'application/protobuf',
  'application/x-protobuf',
  'application/msword',
  'application/vnd.ms-excel',
  'application/vnd.ms-powerpoint',
  'application/cbor',
  'application/msgpack',
  'application/x-msgpack',
]);

type BodyKind = 'json' | 'text' | 'binary' | 'unknown';

function kindOf(mediaType: string): BodyKind {
  if (mediaType === 'application/json' || mediaType.endsWith('+json')) return 'json';
  if (mediaType.startsWith('text/') || TEXT_TYPES.has(mediaType)) return 'text';
  if (mediaType === 'application/xml' || mediaType.endsWith('+xml')) return 'text';
  if (BINARY_TYPES.has(mediaType) || BINARY_PREFIXES.some((prefix) => mediaType.startsWith(prefix))) return 'binary';
  return 'unknown';
}

/** `text/html; charset=ISO-8859-1` → `{ mediaType: 'text/html', charset: 'iso-8859-1' }`. */
function parseContentType(header: string | undefined): { mediaType: string; charset: string | undefined } {
  const [type = '', ...params] = (header ?? '').split(';');
  let charset: string | undefined;
  for (const param of params) {
    const [key, value] = param.split('=');
    if (key?.trim().toLowerCase() === 'charset' && value) charset = value.trim().replace(/^"|"$/g, '').toLowerCase();
  }
  return { mediaType: type.trim().toLowerCase(), charset };
}

function decodeText(bytes: Buffer, charset: string | undefined): string {
  try {
    return new TextDecoder(charset ?? 'utf-8').decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

/** Valid UTF-8 without control characters other than whitespace: text nobody labelled. */
function looksLikeText(bytes: Buffer): boolean {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  return !/[\x00-\x08\x0b\x0e-\x1f\x7f]/.test(text);
}

function binary(bytes: Buffer, mediaType: string): BinaryBody {
  return {
    base64: bytes.toString('base64'),
    content_type: mediaType || 'application/octet-stream',
    size: bytes.length,
  };
}

/**
 * The body as a workflow sees it. JSON types are parsed (invalid JSON stays text); text, XML and form types are
 * text; images, PDFs, archives and other binary types are `{ base64, content_type, size }`; an unknown type is text
 * when it is valid UTF-8 and binary otherwise. An empty body is `""`. `encoded` bodies (a content coding we could
 * not undo) are always binary.
 */
export function parseBody(bytes: Buffer, contentType: string | undefined, encoded = false): ResponseBody {
  const { mediaType, charset } = parseContentType(contentType);
  if (encoded) return binary(bytes, mediaType);
  if (bytes.length === 0) return '';
  const kind = kindOf(mediaType);
  if (kind === 'binary' || (kind === 'unknown' && !looksLikeText(bytes))) return binary(bytes, mediaType);
  const text = decodeText(bytes, charset);
  if (kind !== 'json') return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
