import { z, type ZodType } from 'zod';

// zod → JSON Schema for an OpenAPI document. zod emits shared parts as local `$defs`, which resolve nowhere once a
// schema sits inside a document (and a JSON value at the root even refers to itself as `#`). So every `$defs` entry
// moves to `components.schemas`: schemas named with `.meta({ id })` under their name, and every copy of zod's JSON
// value (`z.json()`) as the one `JsonValue` below.

type JsonObject = Record<string, unknown>;

export const JSON_VALUE_NAME = 'JsonValue';
const JSON_VALUE_REF = `#/components/schemas/${JSON_VALUE_NAME}`;

/**
 * Any JSON value. Spelled out one level deep instead of recursively: generators (openapi-typescript) turn this
 * into a type that accepts `{ text: 'x' }` and can be narrowed, where a self-referencing union either aborts them
 * or becomes a type TypeScript refuses.
 */
export const jsonValueSchema = {
  description: 'Any JSON value: string, number, boolean, null, array or object.',
  anyOf: [
    { type: 'string' },
    { type: 'number' },
    { type: 'boolean' },
    { type: 'null' },
    { type: 'array', items: {} },
    { type: 'object', additionalProperties: {} },
  ],
};

/** zod's `z.json()`, whose array items and object values point back at the schema itself (`selfRef`). */
function isZodJsonValue(schema: unknown, selfRef: string): boolean {
  const self = { $ref: selfRef };
  const expected = {
    anyOf: [
      { type: 'string' },
      { type: 'number' },
      { type: 'boolean' },
      { type: 'null' },
      { type: 'array', items: self },
      { type: 'object', propertyNames: { type: 'string' }, additionalProperties: self },
    ],
  };
  return JSON.stringify(schema) === JSON.stringify(expected);
}

/** zod's bounds of `z.int()`: they say nothing a client needs, and documentation tools show them as the example. */
function isSafeIntegerBound(key: string, item: unknown): boolean {
  return (key === 'minimum' && item === Number.MIN_SAFE_INTEGER) || (key === 'maximum' && item === Number.MAX_SAFE_INTEGER);
}

/** Local `$ref`s pointed at their components, without the safe-integer bounds. */
function rewriteRefs(value: unknown, targets: Map<string, string>): unknown {
  if (Array.isArray(value)) return value.map((item) => rewriteRefs(item, targets));
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key, item]) => !isSafeIntegerBound(key, item))
      .map(([key, item]) => [key, key === '$ref' && targets.has(item as string) ? targets.get(item as string) : rewriteRefs(item, targets)]),
  );
}

/**
 * The JSON Schema of `schema` as its request (`input`) or response (`output`) side; the named schemas it uses are
 * added to `components` (which always holds `JsonValue`).
 */
export function toOpenApiSchema(schema: ZodType, io: 'input' | 'output', components: JsonObject): JsonObject {
  const converted = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonObject;
  const { $schema: _dialect, $defs = {}, ...root } = converted as JsonObject & { $defs?: Record<string, unknown> };
  if (isZodJsonValue(root, '#')) return { $ref: JSON_VALUE_REF };

  const targets = new Map<string, string>();
  for (const [name, def] of Object.entries($defs)) {
    const localRef = `#/$defs/${name}`;
    if (isZodJsonValue(def, localRef)) targets.set(localRef, JSON_VALUE_REF);
    else if (name.startsWith('__schema')) throw new Error(`Unnamed recursive schema in the API (${JSON.stringify(def).slice(0, 80)}): name it with .meta({ id })`);
    else targets.set(localRef, `#/components/schemas/${name}`);
  }
  for (const [name, def] of Object.entries($defs)) {
    if (targets.get(`#/$defs/${name}`) !== JSON_VALUE_REF) components[name] = rewriteRefs(def, targets);
  }
  return rewriteRefs(root, targets) as JsonObject;
}
