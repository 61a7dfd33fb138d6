import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { setupTestDatabase } from '@/server/test/database';
import { API_ROUTES, apiJson } from './_test/client';

setupTestDatabase();

type Document = { openapi: string; paths: Record<string, Record<string, { requestBody?: unknown; responses: Record<string, unknown> }>> };

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
    expect(Object.keys(put.responses).sort()).toEqual(['200', '400', '401', '403', '404', '409', '413', '500']);
    expect(JSON.stringify(put.responses['409'])).toMatch(/already_deployed.*version_conflict/);
  });
});
