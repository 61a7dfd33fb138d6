import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '@/server/openapi/document';
import { exampleBody } from './example-value';
import { pythonLiteral, SNIPPET_LANGUAGES } from './snippets';
import type { DocOperation, SchemaComponents } from './types';

const document = buildOpenApiDocument('http://weft.local:3000');
const components = document.components.schemas as SchemaComponents;

function operation(path: string, method: string): DocOperation {
  return { ...(document.paths[path][method] as Omit<DocOperation, 'method' | 'path'>), method, path };
}

function snippets(path: string, method: string) {
  const op = operation(path, method);
  const body = exampleBody(op.requestBody?.content['application/json'], components);
  return Object.fromEntries(SNIPPET_LANGUAGES.map(({ id, build }) => [id, build({ operation: op, origin: 'http://weft.local:3000', body })]));
}

describe('docs snippets', () => {
  it('show how to execute a workflow with an API key in curl, JavaScript and Python', () => {
    const { curl, javascript, python } = snippets('/api/workflows/{id}/execute', 'post');
    expect(curl).toBe(
      `curl -X POST 'http://weft.local:3000/api/workflows/ID/execute' \\\n  -H "Authorization: Bearer $WEFT_API_KEY" \\\n  -H 'Content-Type: application/json' \\\n  -d '{"input":{"text":"Hello"}}'`,
    );
    expect(javascript).toContain("fetch('http://weft.local:3000/api/workflows/ID/execute'");
    expect(javascript).toContain('Authorization: `Bearer ${process.env.WEFT_API_KEY}`');
    expect(python).toContain('requests.post(');
    expect(python).toContain('"input": {\n            "text": "Hello",');
  });

  it('authenticate webhooks with their secret, public routes with nothing, and read streams as they arrive', () => {
    expect(snippets('/api/webhooks/{webhook_id}', 'post').curl).toContain('Bearer $WEBHOOK_SECRET');
    expect(snippets('/api/health', 'get').curl).toBe(`curl -X GET 'http://weft.local:3000/api/health'`);
    expect(snippets('/api/health', 'get').python).not.toContain('import os');
    const stream = snippets('/api/workflows/{id}/executions/{eid}/stream', 'get');
    expect(stream.curl.startsWith('curl -N')).toBe(true);
    expect(stream.python).toContain('stream=True');
  });

  it('make bodies from the schema when the operation has no example of its own', () => {
    const importBody = exampleBody(operation('/api/workflows/import', 'post').requestBody?.content['application/json'], components);
    expect(importBody).toEqual({ name: 'string', blocks: [], edges: [] });
    expect(pythonLiteral({ on: true, off: false, none: null, list: [1] })).toBe('{\n    "on": True,\n    "off": False,\n    "none": None,\n    "list": [\n        1,\n    ],\n}');
  });
});
