import { Prisma } from './generated/client';
import { storableValue } from './storable-text';

// Every JSON value Weft writes goes through one of these, so text PostgreSQL cannot hold (NUL, unpaired
// surrogates) is repaired to U+FFFD on the way in instead of failing the write.

/** A value for a Json column, with its text made storable. */
export function storableJson(value: unknown): Prisma.InputJsonValue {
  return storableValue(value).value as Prisma.InputJsonValue;
}

/** A value for a nullable Json column: Prisma wants DbNull, not null, to store SQL NULL. */
export function nullableJson(value: unknown): Prisma.InputJsonValue | typeof Prisma.DbNull {
  return value === null || value === undefined ? Prisma.DbNull : storableJson(value);
}
