import { ApiError } from '../errors';

// JSON arriving from outside, checked before anything walks it: a document nested thousands deep overflows the
// stack of every recursive reader after JSON.parse (the NUL check, zod, Prisma), so it is refused while still text.

export const MAX_JSON_DEPTH = 256;

/** Whether the JSON text nests objects/arrays deeper than `max`; a linear scan that skips string contents. */
export function nestsDeeperThan(text: string, max = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/** JSON.parse with the contract's validation_error for malformed or too deeply nested text. */
export function parseJsonText(text: string): unknown {
  if (nestsDeeperThan(text)) {
    throw new ApiError('validation_error', `The JSON nests deeper than ${MAX_JSON_DEPTH} levels`, [
      { path: '', message: `nesting depth over ${MAX_JSON_DEPTH}` },
    ]);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ApiError('validation_error', 'The request body is not valid JSON', [{ path: '', message: (error as Error).message }]);
  }
}
