import type { ZodType } from 'zod';
import { streamEventSchema } from '../engine/events';
import { ApiError, type ErrorCode } from '../errors';
import { WEFT_VERSION } from '../version';
import { errorSchemas } from './error-schemas';
import { JSON_VALUE_NAME, jsonValueSchema, toOpenApiSchema } from './json-schema';
import { operations, operationTags, type Operation, type ResponseSpec } from './operations';

// OpenAPI 3.1 from the operations list. Request schemas describe what is accepted (zod "input" view, defaults
// optional), response schemas what is sent (zod "output" view).

type Components = Record<string, unknown>;

const ERROR_CONTENT = { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } };

const RETRY_AFTER = { 'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'integer', minimum: 0 } } };

function errorResponses(codes: ErrorCode[]) {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) {
    const status = new ApiError(code, '').status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return Object.fromEntries(
    [...byStatus].map(([status, list]) => {
      const description = list.includes('unavailable') ? `Error: ${list.join(', ')} (the database cannot take the request right now: out of disk or connection lost; try again after Retry-After)` : `Error: ${list.join(', ')}`;
      return [String(status), { description, ...(status === 503 || status === 429 ? { headers: RETRY_AFTER } : {}), content: ERROR_CONTENT }];
    }),
  );
}

function successResponse(response: ResponseSpec, components: Components) {
  const content = response.eventStream
    ? { 'text/event-stream': { schema: toOpenApiSchema(streamEventSchema, 'output', components) } }
    : response.schema
      ? { 'application/json': { schema: toOpenApiSchema(response.schema, 'output', components) } }
      : undefined;
  return [String(response.status), { description: response.description, ...(content ? { content } : {}) }] as const;
}

function parameters(op: Operation, components: Components) {
  const fromSchema = (where: 'path' | 'query', shape: Record<string, ZodType>) =>
    Object.entries(shape).map(([name, schema]) => {
      const { description, ...rest } = toOpenApiSchema(schema, 'input', components);
      return { name, in: where, required: where === 'path' || !schema.safeParse(undefined).success, ...(description ? { description } : {}), schema: rest };
    });
  return [
    ...fromSchema('path', op.pathParams?.shape ?? {}),
    ...fromSchema('query', op.query?.shape ?? {}),
    ...Object.entries(op.headers ?? {}).map(([name, description]) => ({ name, in: 'header', required: false, description, schema: { type: 'string' } })),
  ];
}

function operationObject(op: Operation, components: Components) {
  const params = parameters(op, components);
  const errors = [...new Set<ErrorCode>([...op.errors, ...(op.auth ? (['unauthorized'] as const) : []), ...(op.database === false ? [] : (['unavailable'] as const))])];
  return {
    operationId: op.id,
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    tags: [op.tag],
    ...(op.auth ? {} : { security: [] }),
    ...(params.length ? { parameters: params } : {}),
    ...(op.body
      ? {
          requestBody: {
            required: !op.bodyOptional,
            content: { 'application/json': { schema: toOpenApiSchema(op.body, 'input', components), ...(op.example === undefined ? {} : { example: op.example }) } },
          },
        }
      : {}),
    responses: {
      ...Object.fromEntries([op.success, ...(op.alternatives ?? [])].map((response) => successResponse(response, components))),
      ...errorResponses(errors),
      '500': { description: 'Error: internal_error (a bug; the message never leaks stack traces or secrets)', content: ERROR_CONTENT },
    },
  };
}

const DESCRIPTION = `Build, run and inspect workflows.

Authenticate with \`Authorization: Bearer <api_key>\` (or the \`apikey: <api_key>\` header); a signed-in browser session works too. Everything a key can see is scoped to its workspace: another workspace's resource answers 404, like a missing one.

Every error has the body \`{"error", "code", "details"?}\` (the schema \`Error\`); no route answers 500 to bad input. A method a route does not implement answers \`405 method_not_allowed\` with an \`Allow\` header; an unknown \`/api\` path answers \`404 not_found\`. When the database cannot take a request (out of disk space, connection lost), any route that needs it answers \`503 unavailable\` with a \`Retry-After\` header; \`429 rate_limited\` carries \`Retry-After\` too.`;

/** The groups the /docs reference sorts operations into (an operation's `tag`), in this order, with what each holds. */
/** The document, with `origin` (where people reach this server) as its one server. */
export function buildOpenApiDocument(origin: string) {
  const components: Components = { [JSON_VALUE_NAME]: jsonValueSchema, ...errorSchemas };
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    paths[op.path] ??= {};
    paths[op.path][op.method] = operationObject(op, components);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Weft API',
      version: WEFT_VERSION,
      description: DESCRIPTION,
    },
    servers: [{ url: origin, description: 'This Weft server' }],
    security: [{ bearerAuth: [] }, { apiKeyHeader: [] }],
    tags: Object.entries(operationTags).map(([name, description]) => ({ name, description })),
    components: {
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', description: 'An API key created in Settings' },
        apiKeyHeader: { type: 'apiKey', in: 'header', name: 'apikey', description: 'The same API key in the `apikey` header' },
      },
      schemas: components,
    },
    paths,
  };
}
