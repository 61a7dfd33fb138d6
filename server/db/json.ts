import { Prisma } from './generated/client';
import { storableValue } from './storable-text';

// Every JSON value Weft writes goes through one of these, so text PostgreSQL cannot hold (NUL, unpaired
// surrogates) is repaired to U+FFFD on the way in instead of failing the write.

/** A value for a Json column, with its text made storable. */
export function storableJson(value: unknown): Prisma.InputJsonValue {
  return storableValue(value).value as Prisma.InputJsonValue;
}

function jsonbKeyBefore(a: string, b: string): number {
  return a.length !== b.length ? a.length - b.length : Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/**
 * The value as a jsonb column gives it back: object keys in jsonb's order (shorter first, then by their UTF-8
 * bytes) instead of the author's, so a copy kept in memory reads like the stored one.
 */
export function inJsonbKeyOrder(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(inJsonbKeyOrder);
  if (value === null || typeof value !== 'object') return value;
  const keys = Object.keys(value).sort(jsonbKeyBefore);
  return Object.fromEntries(keys.map((key) => [key, inJsonbKeyOrder((value as Record<string, unknown>)[key])]));
}
