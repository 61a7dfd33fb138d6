// The parts of an OpenAPI 3.1 document the /docs page reads. The page gets the document from the server as plain
// data; these types say which fields it relies on.

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

export interface DocParameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  description?: string;
  schema: JsonSchema;
}

interface DocResponse {
  description: string;
  content?: Record<string, { schema: JsonSchema }>;
}

export interface DocOperation {
  method: string;
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  /** `[]` when the operation needs no API key. */
  security?: unknown[];
  parameters?: DocParameter[];
  requestBody?: { required: boolean; content: Record<string, { schema: JsonSchema; example?: unknown }> };
  responses: Record<string, DocResponse>;
}

export type SchemaComponents = Record<string, JsonSchema>;

/** A schema with a `$ref` to `#/components/schemas/…` replaced by what it names (one level). */
export function resolve(schema: JsonSchema, components: SchemaComponents): JsonSchema {
  const name = schema.$ref?.split('/').pop();
  return name && components[name] ? { ...components[name], ...(schema.description ? { description: schema.description } : {}) } : schema;
}

export function isEventStream(operation: DocOperation): boolean {
  return Object.values(operation.responses).some((response) => response.content?.['text/event-stream']);
}
