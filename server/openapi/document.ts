import { z, type ZodType } from 'zod';
import { ApiError, type ErrorCode } from '../errors';
import { WEFT_VERSION } from '../version';
import { operations } from './operations';

// OpenAPI 3.1 from the operations list. Request schemas describe what is accepted (zod "input" view, defaults
// optional), response schemas what is sent (zod "output" view).

const errorSchema = {
  type: 'object',
  required: ['error', 'code'],
  properties: {
    error: { type: 'string', description: 'Human readable message' },
    code: { type: 'string', description: 'snake_case error code' },
    details: { type: 'array', items: {} },
  },
};

/**
 * A zod schema as JSON Schema. Recursive parts (JSON values) come out as local `$defs`, which do not resolve once
 * the schema sits inside an OpenAPI document, so they are hoisted into `components.schemas`.
 */
interface SharedSchemas {
  schemas: Record<string, unknown>;
  /** Original `$defs` entry (serialised) → its name in components, so each recursive type appears once. */
  names: Map<string, string>;
}

function jsonSchema(schema: ZodType, io: 'input' | 'output', shared: SharedSchemas) {
  const { $schema: _ignored, $defs, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;
  const defs = Object.entries(($defs ?? {}) as Record<string, unknown>);
  const renamed = new Map<string, string>();
  for (const [name, def] of defs) {
    const original = JSON.stringify(def);
    if (!shared.names.has(original)) shared.names.set(original, `JsonValue${shared.names.size || ''}`);
    renamed.set(name, shared.names.get(original)!);
  }
  const rewrite = (value: unknown) =>
    JSON.parse(JSON.stringify(value).replace(/"#\/\$defs\/([^"]+)"/g, (_m, name: string) => `"#/components/schemas/${renamed.get(name)}"`));
  for (const [name, def] of defs) shared.schemas[renamed.get(name)!] = rewrite(def);
  return rewrite(rest) as Record<string, unknown>;
}

function errorResponses(codes: ErrorCode[]) {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) {
    const status = new ApiError(code, '').status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return Object.fromEntries(
    [...byStatus].map(([status, list]) => [
      String(status),
      {
        description: `Error: ${list.join(', ')}`,
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      },
    ]),
  );
}

export function buildOpenApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  const shared: SharedSchemas = { schemas: {}, names: new Map() };
  for (const op of operations) {
    const parameters = [
      ...Object.entries(op.pathParams ?? {}).map(([name, description]) => ({ name, in: 'path', required: true, description, schema: { type: 'string' } })),
      ...Object.entries(op.query?.shape ?? {}).map(([name, schema]) => ({
        name,
        in: 'query',
        required: false,
        schema: jsonSchema(schema as ZodType, 'input', shared),
      })),
      ...Object.entries(op.headers ?? {}).map(([name, description]) => ({ name, in: 'header', required: false, description, schema: { type: 'string' } })),
    ];
    paths[op.path] ??= {};
    paths[op.path][op.method] = {
      summary: op.summary,
      ...(op.description ? { description: op.description } : {}),
      tags: [op.tag],
      operationId: `${op.method}${op.path.replace(/\{(\w+)\}/g, 'By_$1').replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string) => (c ?? '').toUpperCase())}`,
      ...(op.auth ? {} : { security: [] }),
      ...(parameters.length ? { parameters } : {}),
      ...(op.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(op.body, 'input', shared) } } } }
        : {}),
      responses: {
        [String(op.success.status)]: {
          description: op.success.description,
          ...(op.success.schema ? { content: { 'application/json': { schema: jsonSchema(op.success.schema, 'output', shared) } } } : {}),
        },
        ...errorResponses(op.auth ? [...new Set<ErrorCode>([...op.errors, 'unauthorized'])] : op.errors),
        '500': { description: 'Error: internal_error (a bug)', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Weft API',
      version: WEFT_VERSION,
      description:
        'Build, run and inspect workflows. Authenticate with `Authorization: Bearer <api_key>` (or the `apikey` header); every error has the body `{"error", "code", "details"?}`.',
    },
    servers: [{ url: '/' }],
    security: [{ bearerAuth: [] }, { apiKeyHeader: [] }],
    tags: [{ name: 'Workflows' }, { name: 'Executions' }, { name: 'Deployment' }, { name: 'System' }],
    components: {
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', description: 'An API key created in Settings' },
        apiKeyHeader: { type: 'apiKey', in: 'header', name: 'apikey' },
      },
      schemas: { Error: errorSchema, ...shared.schemas },
    },
    paths,
  };
}
