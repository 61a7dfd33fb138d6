import type { Caller } from './caller';

// Who a key or a session stands for, remembered for a few seconds so that a burst of requests does not ask the
// database the same question each time. Every change that can alter an answer (a key revoked or restored, a role
// changed, a member removed, a session switched or signed out) calls `forgetCallers()` in the same process before
// it returns, so this process honours it from the very next request. Another server process sharing the database
// learns of it within CALLER_TTL_MS at most.

const CALLER_TTL_MS = 5_000;
/** More distinct keys and sessions than this within a few seconds: start over rather than grow. */
const MAX_ENTRIES = 10_000;

const globalForCache = globalThis as unknown as { weftCallers?: { entries: Map<string, { caller: Caller; until: number }>; generation: number } };
const cache = (globalForCache.weftCallers ??= { entries: new Map(), generation: 0 });

/**
 * The caller remembered under `key`, else `load()`'s answer, remembered when it is someone. Unknown keys are not
 * remembered (a key created a moment ago works at once, and guessing cannot fill the memory). An answer loaded
 * while a change happened is not remembered either: it may predate the change.
 */
export async function rememberedCaller(key: string, load: () => Promise<Caller | null>): Promise<Caller | null> {
  const now = Date.now();
  const hit = cache.entries.get(key);
  if (hit && hit.until > now) return { ...hit.caller };
  const generation = cache.generation;
  const caller = await load();
  if (caller && generation === cache.generation) {
    if (cache.entries.size >= MAX_ENTRIES) cache.entries.clear();
    cache.entries.set(key, { caller: { ...caller }, until: now + CALLER_TTL_MS });
  }
  return caller;
}

/** Something that decides who a key or session stands for changed: nothing remembered is trusted any more. */
export function forgetCallers(): void {
  cache.generation++;
  cache.entries.clear();
}
