/**
 * Templates: `{{ block_id.path.to.field }}` inside config strings.
 *
 * Syntax. Inside `{{ }}` (whitespace around the reference allowed): a block id (`[A-Za-z_][A-Za-z0-9_]*`) followed by
 * any number of `.field` segments (any characters but `.`, `[`, `]`, whitespace and braces; `.0` indexes an array),
 * `[0]` indexes, or quoted keys `["a key"]`/`['a key']`. `{{ input }}` alone is the whole output of block `input`.
 * Braces whose content does not start like a block id (`{{ }}`, `{{"a": 1}}`) are plain text. Content that starts
 * like a block id but is not a valid reference (`{{ a b }}`, `{{ a..b }}`) is a malformed template: the validator
 * reports it and rendering leaves it as written. So are `{{ a.b` never closed and a path typed after the closing
 * braces (`{{ a }}.b}}`).
 *
 * Rendering, given the outputs of the blocks that ran (block id → output; the execution input is the output of
 * the input block):
 * - in text (`renderTemplateString`), a reference renders as: a string as is; a number or boolean via `String`;
 *   an object or array as compact JSON; a missing field, a skipped block or `null` as `""`.
 * - in JSON (`renderTemplateValue`), a string that is exactly one reference (surrounding whitespace ignored) is
 *   replaced by the referenced value itself (object, number, `null`...), and by `null` when it is missing; every
 *   other string is rendered as text. Object keys are never rendered.
 * - in a URL (`renderUrlTemplate`), a value is percent-encoded for the part of the URL its template sits in, so it
 *   stays one path segment, one query value or the fragment (`?q={{input.q}}` with `a&admin=1` sends
 *   `q=a%26admin%3D1`). Templates before the path (scheme, host, port, a whole base URL) are inserted as they are.
 *   `{{raw input.q}}` inserts the text unencoded on purpose (e.g. a ready-made query string); elsewhere `raw` changes
 *   nothing.
 */

type TemplatePathSegment = string | number;

/** Where a string sits inside a JSON value: object keys and array indexes, `[]` for the value itself. */
type ValueLocation = (string | number)[];

export type TemplatePart =
  | { kind: 'text'; text: string }
  | { kind: 'reference'; raw: string; blockId: string; path: TemplatePathSegment[]; unencoded?: true }
  | { kind: 'malformed'; raw: string; message: string };

export interface TemplateReference {
  blockId: string;
  path: TemplatePathSegment[];
  /** The template as written, braces included. */
  raw: string;
  location: ValueLocation;
}

export interface MalformedTemplate {
  raw: string;
  message: string;
  location: ValueLocation;
}

/** Block outputs by block id. */
export type BlockOutputs = ReadonlyMap<string, unknown> | Readonly<Record<string, unknown>>;

const TEMPLATE = /\{\{([^{}]*)\}\}/g;
const BLOCK_ID = /^[A-Za-z_][A-Za-z0-9_]*/;
const SEGMENT = /^\.([^.[\]\s{}]+)/;
const INDEX = /^\[(\d+)\]/;
const QUOTED_KEY = /^\[(?:"([^"]*)"|'([^']*)')\]/;
/** `{{raw input.q}}`: the value goes into a URL unencoded. */
const RAW_PREFIX = /^raw\s+(?=[A-Za-z_])/;

/** Splits a string into text and template parts. */
export function parseTemplate(template: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let textStart = 0;
  const pushText = (end: number) => {
    if (end > textStart) {
      const previous = parts.at(-1);
      const text = template.slice(textStart, end);
      if (previous?.kind === 'text') previous.text += text;
      else parts.push({ kind: 'text', text });
    }
  };
  for (const match of template.matchAll(TEMPLATE)) {
    const raw = match[0];
    const written = match[1].trim();
    if (!BLOCK_ID.test(written)) continue; // not a template: stays part of the surrounding text
    pushText(match.index);
    textStart = match.index + raw.length;
    const unencoded = RAW_PREFIX.test(written);
    const reference = parseReference(written.replace(RAW_PREFIX, ''));
    if (typeof reference === 'string') parts.push({ kind: 'malformed', raw, message: reference });
    else parts.push({ kind: 'reference', raw, blockId: reference.blockId, path: reference.path, ...(unencoded && { unencoded }) });
  }
  pushText(template.length);
  return parts.flatMap((part, index) => (part.kind === 'text' ? brokenBraces(part.text, parts[index - 1]) : [part]));
}

/** `.text}}` right after a reference: the path was typed after the closing braces (`{{code_1}}.text}}`). */
const PATH_AFTER_BRACES = /^(?:\.[^.[\]\s{}]+|\[\d+\]|\[(?:"[^"]*"|'[^']*')\])+\s*\}\}/;
/** `{{` and the start of a block id with no `}}` closing it (a closed one would have matched TEMPLATE). */
const UNCLOSED = /\{\{\s*[A-Za-z_][^\s{}]*/g;

/**
 * Text around templates that is a broken template: a path after the closing braces, or a reference never closed.
 * Both are malformed (the validator reports them, rendering leaves them as written); the rest stays text.
 */
function brokenBraces(text: string, previous: TemplatePart | undefined): TemplatePart[] {
  const found: TemplatePart[] = [];
  let rest = text;
  const after = previous?.kind === 'reference' ? PATH_AFTER_BRACES.exec(rest) : null;
  if (after && previous?.kind === 'reference') {
    const path = after[0].replace(/\s*\}\}$/, '');
    const inner = previous.raw.slice(2, -2).trim();
    found.push({ kind: 'malformed', raw: after[0], message: `"${path}" is outside the braces of ${previous.raw}; write {{${inner}${path}}}` });
    rest = rest.slice(after[0].length);
  }
  let textStart = 0;
  for (const match of rest.matchAll(UNCLOSED)) {
    if (match.index > textStart) found.push({ kind: 'text', text: rest.slice(textStart, match.index) });
    found.push({ kind: 'malformed', raw: match[0], message: `${match[0].trim()} is not closed: add }} after the reference` });
    textStart = match.index + match[0].length;
  }
  if (textStart < rest.length) found.push({ kind: 'text', text: rest.slice(textStart) });
  return found;
}

/** Parses `block_id.path[0]["key"]`; returns a message when it is not a valid reference. */
function parseReference(content: string): { blockId: string; path: TemplatePathSegment[] } | string {
  const blockId = BLOCK_ID.exec(content)![0];
  const path: TemplatePathSegment[] = [];
  let rest = content.slice(blockId.length);
  while (rest !== '') {
    let match: RegExpExecArray | null;
    if ((match = SEGMENT.exec(rest))) {
      path.push(match[1]);
    } else if ((match = INDEX.exec(rest))) {
      path.push(Number(match[1]));
    } else if ((match = QUOTED_KEY.exec(rest))) {
      path.push(match[1] ?? match[2]);
    } else {
      return `unexpected "${rest}" after "${content.slice(0, content.length - rest.length)}"`;
    }
    rest = rest.slice(match[0].length);
  }
  return { blockId, path };
}

/** Whether a string contains at least one template (well-formed or not). */
export function hasTemplate(value: string): boolean {
  return parseTemplate(value).some((part) => part.kind !== 'text');
}

/** Calls `visit` for every string in a JSON value, with its location. */
function forEachString(value: unknown, visit: (text: string, location: ValueLocation) => void, location: ValueLocation = []) {
  if (typeof value === 'string') {
    visit(value, location);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => forEachString(item, visit, [...location, index]));
  } else if (isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) forEachString(item, visit, [...location, key]);
  }
}

/** Every well-formed template reference in a string or a JSON value, in document order. */
export function findTemplateReferences(value: unknown): TemplateReference[] {
  const references: TemplateReference[] = [];
  forEachString(value, (text, location) => {
    for (const part of parseTemplate(text)) {
      if (part.kind === 'reference') references.push({ blockId: part.blockId, path: part.path, raw: part.raw, location });
    }
  });
  return references;
}

/** Every malformed template in a string or a JSON value, in document order. */
export function findMalformedTemplates(value: unknown): MalformedTemplate[] {
  const malformed: MalformedTemplate[] = [];
  forEachString(value, (text, location) => {
    for (const part of parseTemplate(text)) {
      if (part.kind === 'malformed') malformed.push({ raw: part.raw, message: part.message, location });
    }
  });
  return malformed;
}

/** The distinct block ids a string or JSON value refers to, in order of first reference. */
export function listReferencedBlockIds(value: unknown): string[] {
  return [...new Set(findTemplateReferences(value).map((reference) => reference.blockId))];
}

/** The value a reference points to, or `undefined` when the block has no output or the path leads nowhere. */
function resolveReference(outputs: BlockOutputs, blockId: string, path: readonly TemplatePathSegment[]): unknown {
  let current = isMap(outputs) ? outputs.get(blockId) : ownValue(outputs, blockId);
  for (const segment of path) {
    if (Array.isArray(current)) {
      const index = typeof segment === 'number' ? segment : /^\d+$/.test(segment) ? Number(segment) : NaN;
      current = Number.isInteger(index) ? current[index] : undefined;
    } else if (isPlainObject(current)) {
      current = ownValue(current, String(segment));
    } else {
      return undefined;
    }
  }
  return current;
}

/** Renders every template in a string as text (see the module comment for how values become text). */
export function renderTemplateString(template: string, outputs: BlockOutputs): string {
  return parseTemplate(template)
    .map((part) => {
      if (part.kind === 'text') return part.text;
      if (part.kind === 'malformed') return part.raw;
      return toText(resolveReference(outputs, part.blockId, part.path));
    })
    .join('');
}

/**
 * Renders the templates in every string of a JSON value. A string that is exactly one reference becomes the
 * referenced value itself (`null` when missing); other strings are rendered as text.
 */
export function renderTemplateValue(value: unknown, outputs: BlockOutputs): unknown {
  if (typeof value === 'string') {
    const parts = parseTemplate(value.trim());
    if (parts.length === 1 && parts[0].kind === 'reference') {
      const resolved = resolveReference(outputs, parts[0].blockId, parts[0].path);
      return resolved === undefined ? null : resolved;
    }
    return renderTemplateString(value, outputs);
  }
  if (Array.isArray(value)) return value.map((item) => renderTemplateValue(item, outputs));
  if (isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, renderTemplateValue(item, outputs)]));
  }
  return value;
}

type UrlPart = 'origin' | 'path' | 'query' | 'fragment';

/** Where the URL is after this literal text: `/` ends the origin (the `//` after the scheme aside), `?` and `#` start theirs. */
function urlPartAfter(part: UrlPart, text: string): UrlPart {
  let current = part;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (current === 'origin' && char === '/' && text[i - 1] === ':' && text[i + 1] === '/') i++;
    else if (current === 'origin' && char === '/') current = 'path';
    else if (char === '?' && (current === 'origin' || current === 'path')) current = 'query';
    else if (char === '#' && current !== 'fragment') current = 'fragment';
  }
  return current;
}

/**
 * Renders a URL template, percent-encoding each value for where its template sits (see the module comment); the
 * template's literal text decides the position, never a value.
 */
export function renderUrlTemplate(template: string, outputs: BlockOutputs): string {
  let part: UrlPart = 'origin';
  return parseTemplate(template)
    .map((piece) => {
      if (piece.kind !== 'reference') {
        const literal = piece.kind === 'text' ? piece.text : piece.raw;
        part = urlPartAfter(part, literal);
        return literal;
      }
      const text = toText(resolveReference(outputs, piece.blockId, piece.path));
      return piece.unencoded || part === 'origin' ? text : encodeURIComponent(text);
    })
    .join('');
}

function toText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'object') return JSON.stringify(value) ?? '';
  return String(value);
}

function isMap(outputs: BlockOutputs): outputs is ReadonlyMap<string, unknown> {
  return outputs instanceof Map;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Own properties only, so `{{ a.constructor }}` or `{{ a.__proto__ }}` never reach the prototype. */
function ownValue(object: Readonly<Record<string, unknown>>, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}
