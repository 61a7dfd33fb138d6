// A block's one-line summary on its node, written as data by the block type (the browser cannot run block code)
// and evaluated here, on either side.

/** One piece of a summary: a top-level config field shown as text. */
interface SummaryPart {
  field: string;
  /**
   * `line` (the default): the first non-empty line of the value (non-strings as JSON); `words`: its first few
   * words; `names` / `ids`: the `name`s / `id`s of a list of objects, comma-separated.
   */
  format?: 'line' | 'words' | 'names' | 'ids';
  /** Put before the text when there is any, e.g. `"if "`. */
  prefix?: string;
  /** Shown when the field is not set, e.g. the default the config schema fills in. */
  fallback?: string;
}

export interface SummarySpec {
  /** Parts with no text are left out. */
  parts: readonly SummaryPart[];
  /** Between parts; `" · "` unless given. */
  separator?: string;
  /** Shown when no part has any text. */
  empty?: string;
}

const WORDS = 6;

function firstLine(text: string): string {
  return text.split('\n').map((line) => line.trim()).find((line) => line !== '') ?? '';
}

function firstWords(text: string): string {
  const words = text.trim().split(/\s+/).filter(Boolean);
  return words.length > WORDS ? `${words.slice(0, WORDS).join(' ')}…` : words.join(' ');
}

function keys(value: unknown, key: 'name' | 'id'): string {
  if (!Array.isArray(value)) return '';
  return value.map((item: Record<string, unknown> | null) => (typeof item?.[key] === 'string' ? item[key] : '?')).join(', ');
}

function partText(part: SummaryPart, config: Readonly<Record<string, unknown>>): string {
  const value = config[part.field];
  if (value === undefined || value === null) return part.fallback ?? '';
  const format = part.format ?? 'line';
  if (format === 'names' || format === 'ids') return keys(value, format === 'names' ? 'name' : 'id');
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return format === 'words' ? firstWords(text) : firstLine(text);
}

/** The summary of a block with this config, or `""` when its type has none. */
export function summarize(spec: SummarySpec | null | undefined, config: Readonly<Record<string, unknown>>): string {
  if (!spec) return '';
  const texts = spec.parts.flatMap((part) => {
    const text = partText(part, config);
    return text === '' ? [] : [`${part.prefix ?? ''}${text}`];
  });
  return texts.length > 0 ? texts.join(spec.separator ?? ' · ') : (spec.empty ?? '');
}
