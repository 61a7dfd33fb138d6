// PostgreSQL stores neither the NUL character nor unpaired UTF-16 surrogates in text or jsonb. Text from outside
// (request bodies, code block results, HTTP responses) can hold both, so it is checked or repaired before it
// reaches the database.

const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNSTORABLE_ALL = new RegExp(UNSTORABLE.source, 'g');

export function isStorableText(text: string): boolean {
  return !UNSTORABLE.test(text);
}

/** The text with every NUL and unpaired surrogate replaced by U+FFFD (the replacement character). */
function storableText(text: string): string {
  return isStorableText(text) ? text : text.replace(UNSTORABLE_ALL, '\uFFFD');
}

/** The dotted path of the first string or key in `value` that PostgreSQL could not store, else null. */
export function findUnstorableText(value: unknown, at: string[] = []): string | null {
  if (typeof value === 'string') return isStorableText(value) ? null : at.join('.');
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = findUnstorableText(item, [...at, String(i)]);
      if (found !== null) return found;
    }
  } else if (value && typeof value === 'object') {
    for (const [k, item] of Object.entries(value)) {
      const found = isStorableText(k) ? findUnstorableText(item, [...at, k]) : [...at, k].join('.');
      if (found !== null) return found;
    }
  }
  return null;
}

/**
 * A JSON-like value with its text made storable, and whether anything had to be replaced. Values that are
 * already storable come back as the same object, so the common case copies nothing.
 */
export function storableValue<T>(value: T): { value: T; replaced: boolean } {
  if (findUnstorableText(value) === null) return { value, replaced: false };
  return { value: repair(value) as T, replaced: true };
}

function repair(value: unknown): unknown {
  if (typeof value === 'string') return storableText(value);
  if (Array.isArray(value)) return value.map(repair);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, item]) => [storableText(k), repair(item)]));
  }
  return value;
}
