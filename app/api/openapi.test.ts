import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { setupTestDatabase } from '@/server/test/database';
import { API_ROUTES, apiJson } from './_test/client';

setupTestDatabase();

type Parameter = { name: string; in: string; schema: { type?: string } };
type ResponseObject = { description: string; headers?: Record<string, unknown>; content?: Record<string, { schema: unknown }> };
type OperationObject = { operationId: string; parameters?: Parameter[]; requestBody?: unknown; responses: Record<string, ResponseObject> };
type Document = {
  openapi: string;
  paths: Record<string, Record<string, OperationObject>>;
  components: { schemas: Record<string, { oneOf?: { $ref: string }[]; properties?: Record<string, unknown> }> };
};

describe('GET /api/openapi.json', () => {
  it('serves a valid OpenAPI 3.1 document without credentials', async () => {
    const res = await apiJson<Document>('GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    const result = await new Validator().validate(res.body as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('lists every implemented route and method with its responses, and a request schema for bodies', async () => {
    const { body } = await apiJson<Document>('GET', '/api/openapi.json');
    for (const route of API_ROUTES) {
      const path = route.pattern.replace(/:(\w+)/g, '{$1}');
      for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
        const handler = route.module[method];
        if (typeof handler !== 'function' || String(handler).includes('method_not_allowed')) continue;
        const operation = body.paths[path]?.[method.toLowerCase()];
        expect(operation, `${method} ${path}`).toBeDefined();
        expect(Object.keys(operation!.responses).length, `${method} ${path}`).toBeGreaterThan(0);
        if (['PUT', 'PATCH'].includes(method) || (method === 'POST' && !/\/(cancel|deploy|undeploy|restore)$/.test(path))) {
          expect(operation!.requestBody, `${method} ${path}`).toBeDefined();
        }
      }
    }
  });

  it('documents the contract error codes a route can answer', async () => {
    const { body } = await apiJson<Document>('GET', '/api/openapi.json');
    const put = body.paths['/api/workflows/{id}/graph'].put;
    expect(Object.keys(put.responses).sort()).toEqual(['200', '400', '401', '403', '404', '409', '413', '500', '503']);
    expect(JSON.stringify(put.responses['409'])).toMatch(/already_deployed.*version_conflict/);
  });

  it('declares what the code does beyond the basics: webhook 202 and its query, health 503, integer versions, stream events and 204', async () => {
    const { body } = await apiJson<Document>('GET', '/api/openapi.json');
    const webhook = body.paths['/api/webhooks/{webhook_id}'].post;
    expect(Object.keys(webhook.responses)).toEqual(expect.arrayContaining(['200', '202', '401', '403', '404']));
    expect(webhook.parameters?.filter((p) => p.in === 'query').map((p) => p.name)).toEqual(['token', 'async']);
    expect(Object.keys(body.paths['/api/health'].get.responses)).toEqual(expect.arrayContaining(['200', '503']));
    const version = body.paths['/api/workflows/{id}/versions/{version}'].get.parameters?.find((p) => p.name === 'version');
    expect(version?.schema.type).toBe('integer');

    for (const path of ['/api/workflows/{id}/execute/stream', '/api/workflows/{id}/executions/{eid}/stream']) {
      const stream = Object.values(body.paths[path])[0];
      expect(stream.responses['200'].content?.['text/event-stream']?.schema, path).toEqual({ $ref: '#/components/schemas/ExecutionEvent' });
    }
    expect(Object.keys(body.paths['/api/workflows/{id}/executions/{eid}/stream'].get.responses)).toContain('204');
    const events = body.components.schemas.ExecutionEvent.oneOf!.map((ref) => ref.$ref.split('/').pop());
    expect(events).toEqual(['ExecutionStartEvent', 'BlockStartEvent', 'BlockChunkEvent', 'BlockLogEvent', 'BlockCompleteEvent', 'BlockErrorEvent', 'BlockSkippedEvent', 'BlockWaitingEvent', 'DoneEvent', 'ErrorEvent']);
  });

  it('declares 503 unavailable with Retry-After wherever the database answers, and the queue-mode fields of health', async () => {
    const { body } = await apiJson<Document>('GET', '/api/openapi.json');
    for (const [path, methods] of Object.entries(body.paths)) {
      if (['/api/health', '/api/openapi.json'].includes(path)) continue;
      for (const op of Object.values(methods)) {
        expect(op.responses['503']?.description, op.operationId).toMatch(/unavailable/);
        expect(op.responses['503']?.headers, op.operationId).toHaveProperty('Retry-After');
      }
    }
    expect(body.paths['/api/openapi.json'].get.responses).not.toHaveProperty('503');
    const health = body.paths['/api/health'].get.responses['200'].content?.['application/json'].schema as { properties: Record<string, unknown>; required: string[] };
    expect(Object.keys(health.properties)).toEqual(expect.arrayContaining(['mode', 'queue_depth', 'workers']));
    expect(health.required).not.toContain('queue_depth');
  });

  it('has one JSON value schema, unique operationIds, and a 4xx answer on every operation that takes input', async () => {
    const { body } = await apiJson<Document>('GET', '/api/openapi.json');
    expect(Object.keys(body.components.schemas).filter((name) => name.startsWith('JsonValue'))).toEqual(['JsonValue']);
    expect(JSON.stringify(body)).not.toContain('"$ref":"#"');
    // zod's safe-integer bounds would become every integer's example in documentation tools.
    expect(JSON.stringify(body)).not.toContain(String(Number.MAX_SAFE_INTEGER));
    const operations = Object.entries(body.paths).flatMap(([path, methods]) => Object.values(methods).map((op) => ({ path, op })));
    expect(new Set(operations.map(({ op }) => op.operationId)).size).toBe(operations.length);
    for (const { path, op } of operations.filter(({ path }) => !['/api/health', '/api/openapi.json'].includes(path))) {
      expect(Object.keys(op.responses).some((status) => status.startsWith('4')), path).toBe(true);
    }
  });
});
