import { z, type ZodType } from 'zod';

// The contract's paging: `?limit=` (1–200, default 50) and `?offset=` (≥ 0), answered as
// `{"<items>": [...], "total", "limit", "offset"}`.

export const paginationQuery = {
  limit: z.coerce.number().int().min(1, 'limit must be between 1 and 200').max(200, 'limit must be between 1 and 200').default(50),
  offset: z.coerce.number().int().min(0, 'offset must not be negative').default(0),
};

export function pageSchema<K extends string, T extends ZodType>(key: K, item: T) {
  return z.object({ [key]: z.array(item), total: z.number().int(), limit: z.number().int(), offset: z.number().int() } as {
    [P in K]: z.ZodArray<T>;
  } & { total: z.ZodNumber; limit: z.ZodNumber; offset: z.ZodNumber });
}
