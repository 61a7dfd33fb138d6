import { resolve, type JsonSchema, type SchemaComponents } from './types';

/**
 * A plausible value for a schema, for code snippets and the "try it" form: its first example or default, else
 * the required properties of an object filled in the same way.
 */
function exampleValue(schema: JsonSchema, components: SchemaComponents, depth = 0): unknown {
  const resolved = resolve(schema, components);
  if (resolved.examples?.length) return resolved.examples[0];
  if (resolved.default !== undefined) return resolved.default;
  if (resolved.const !== undefined) return resolved.const;
  if (resolved.enum?.length) return resolved.enum[0];
  const options = resolved.anyOf ?? resolved.oneOf;
  if (options?.length) return exampleValue(options.find((option) => option.type !== 'null') ?? options[0], components, depth);
  const type = Array.isArray(resolved.type) ? resolved.type.find((t) => t !== 'null') : resolved.type;
  if (depth > 6) return null;
  switch (type) {
    case 'object': {
      const required = new Set(resolved.required ?? []);
      return Object.fromEntries(
        Object.entries(resolved.properties ?? {})
          .filter(([name]) => required.has(name))
          .map(([name, property]) => [name, exampleValue(property, components, depth + 1)]),
      );
    }
    case 'array':
      return [];
    case 'string':
      return 'string';
    case 'integer':
    case 'number':
      return resolved.minimum ?? 0;
    case 'boolean':
      return false;
    default:
      return null;
  }
}

/** The body a snippet sends: the operation's own example, else one made from its schema. */
export function exampleBody(content: { schema: JsonSchema; example?: unknown } | undefined, components: SchemaComponents): unknown {
  if (!content) return undefined;
  return content.example !== undefined ? content.example : exampleValue(content.schema, components);
}
