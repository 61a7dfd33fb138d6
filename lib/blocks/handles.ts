// Block-type data about handles and containers that both the engine (validator) and the editor read.

/** Source handles named by a list in the config: each item's `key` is a handle id (a router's `routes[].id`). */
export interface HandlesFromConfig {
  field: string;
  key: string;
}

/** A container block (a loop): the blocks inside it see `variable` (e.g. `loop`) with these fields. */
export interface ContainerSpec {
  variable: string;
  fields: readonly string[];
}

/** The handle ids a config names through `from`, in order, ignoring items without a usable id. */
export function configHandleIds(from: HandlesFromConfig | null | undefined, config: Readonly<Record<string, unknown>>): string[] {
  if (!from) return [];
  const items = config[from.field];
  if (!Array.isArray(items)) return [];
  return items.flatMap((item: unknown) => {
    const id = item !== null && typeof item === 'object' ? (item as Record<string, unknown>)[from.key] : undefined;
    return typeof id === 'string' && id !== '' ? [id] : [];
  });
}
