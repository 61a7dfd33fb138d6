import { z, type ZodType } from 'zod';
import { env } from '../env';
import { ApiError } from '../errors';
import { zodDetails } from './respond';

// Request bodies and query strings, read defensively: a size cap enforced while reading (a lying or missing
// Content-Length cannot get past it), malformed JSON and schema mismatches as the contract's 400.

export async function readBodyText(request: Request, limit = env().WEFT_MAX_BODY_BYTES): Promise<string> {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function tooLarge(limit: number) {
  return new ApiError('payload_too_large', `The request body is larger than the limit of ${limit} bytes`);
}

/** Parses a JSON body against a schema. An empty body counts as `{}` when `emptyAsObject` is set. */
export async function readJson<T extends ZodType>(request: Request, schema: T, options: { emptyAsObject?: boolean } = {}): Promise<z.infer<T>> {
  const text = await readBodyText(request);
  let value: unknown;
  if (text.trim() === '' && options.emptyAsObject) value = {};
  else {
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new ApiError('validation_error', 'The request body is not valid JSON', [{ path: '', message: (error as Error).message }]);
    }
  }
  return parseWith(schema, value);
}

/**
 * PostgreSQL cannot store the NUL character in text or JSON, so it is refused up front as bad input instead of
 * failing later as a database error. Returns the path of the first string (or key) that holds one.
 */
export function findNulCharacter(value: unknown, at: string[] = []): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? at.join('.') : null;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = findNulCharacter(item, [...at, String(i)]);
      if (found !== null) return found;
    }
  } else if (value && typeof value === 'object') {
    for (const [k, item] of Object.entries(value)) {
      const found = k.includes('\u0000') ? [...at, k].join('.') : findNulCharacter(item, [...at, k]);
      if (found !== null) return found;
    }
  }
  return null;
}

/** Throws the contract's validation_error when any text in `value` holds a NUL character. */
export function refuseNulCharacters(value: unknown): void {
  const path = findNulCharacter(value);
  if (path !== null) {
    throw new ApiError('validation_error', 'Text must not contain the NUL character (\\u0000)', [{ path, message: 'contains \\u0000' }]);
  }
}

export function parseWith<T extends ZodType>(schema: T, value: unknown): z.infer<T> {
  refuseNulCharacters(value);
  const result = schema.safeParse(value);
  if (!result.success) throw new ApiError('validation_error', 'The request does not match the schema', zodDetails(result.error));
  return result.data;
}

/** Parses the query string; repeated keys keep their last value. */
export function readQuery<T extends ZodType>(request: Request, schema: T): z.infer<T> {
  return parseWith(schema, Object.fromEntries(new URL(request.url).searchParams));
}
