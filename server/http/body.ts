import { z, type ZodType } from 'zod';
import { env } from '../env';
import { ApiError } from '../errors';
import { findUnstorableText } from '../db/storable-text';
import { parseJsonText } from './json-text';
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
  const value = text.trim() === '' && options.emptyAsObject ? {} : parseJsonText(text);
  return parseWith(schema, value);
}

/** Throws the contract's validation_error when text in `value` holds what PostgreSQL cannot store. */
export function refuseUnstorableText(value: unknown): void {
  const path = findUnstorableText(value);
  if (path !== null) {
    throw new ApiError('validation_error', 'Text must not contain the NUL character (\\u0000) or unpaired UTF-16 surrogates', [
      { path, message: 'contains \\u0000 or an unpaired surrogate' },
    ]);
  }
}

export function parseWith<T extends ZodType>(schema: T, value: unknown): z.infer<T> {
  refuseUnstorableText(value);
  const result = schema.safeParse(value);
  if (!result.success) throw new ApiError('validation_error', 'The request does not match the schema', zodDetails(result.error));
  return result.data;
}

/** Parses the query string; repeated keys keep their last value, and an empty one (`?status=`) counts as unset. */
export function readQuery<T extends ZodType>(request: Request, schema: T): z.infer<T> {
  const set = [...new URL(request.url).searchParams].filter(([, value]) => value !== '');
  return parseWith(schema, Object.fromEntries(set));
}
