// The parts of an OpenAPI 3.1 schema the /docs page's own sections (stream events, block configs) read.

export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  examples?: unknown[];
  minimum?: number;
  maximum?: number;
}

export type SchemaComponents = Record<string, JsonSchema>;

/** A schema with a `$ref` to `#/components/schemas/…` replaced by what it names (one level). */
export function resolve(schema: JsonSchema, components: SchemaComponents): JsonSchema {
  const name = schema.$ref?.split('/').pop();
  return name && components[name] ? { ...components[name], ...(schema.description ? { description: schema.description } : {}) } : schema;
}

