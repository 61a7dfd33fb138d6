import { Prisma } from './generated/client';

/** A value for a nullable Json column: Prisma wants DbNull, not null, to store SQL NULL. */
export function nullableJson(value: unknown): Prisma.InputJsonValue | typeof Prisma.DbNull {
  return value === null || value === undefined ? Prisma.DbNull : (value as Prisma.InputJsonValue);
}
