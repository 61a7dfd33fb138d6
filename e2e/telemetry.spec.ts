import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { BOOTSTRAP_KEY, startServer, stopServer, tempDataDir, type TestServer } from './helpers/server';

// With OTEL_EXPORTER_OTLP_ENDPOINT set, the server's HTTP requests arrive at the collector as server spans (Next.js's
// own, exported through Weft's tracer provider), continuing the caller's trace. The collector here is a local HTTP
// server receiving OTLP/HTTP JSON.

const OWN_PORT = Number(process.env.E2E_PORT ?? 3100) + 60;
test.describe.configure({ timeout: 180_000 });

interface OtlpSpan {
  traceId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: { key: string; value: Record<string, unknown> }[];
}
interface OtlpExport {
  resourceSpans: { resource: { attributes: OtlpSpan['attributes'] }; scopeSpans: { spans: OtlpSpan[] }[] }[];
}

const exports: OtlpExport[] = [];
let collector: http.Server;
let weft: TestServer;

function values(attributes: OtlpSpan['attributes']): Record<string, unknown> {
  return Object.fromEntries(attributes.map(({ key, value }) => [key, value.stringValue ?? (value.intValue !== undefined ? Number(value.intValue) : value.boolValue)]));
}

test.beforeAll(async () => {
  collector = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      if (req.url === '/v1/traces') exports.push(JSON.parse(body) as OtlpExport);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
  weft = await startServer(OWN_PORT, tempDataDir(), { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', OTEL_SERVICE_NAME: 'weft-e2e' });
});

test.afterAll(async () => {
  if (weft) await stopServer(weft);
  await new Promise((resolve) => collector.close(resolve));
});

test('an API request is exported as a server span of the caller’s trace, with its method, route and status', async () => {
  const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
  const parentId = '00f067aa0ba902b7';
  const response = await fetch(`${weft.url}/api/workflows`, {
    headers: { authorization: `Bearer ${BOOTSTRAP_KEY}`, traceparent: `00-${traceId}-${parentId}-01` },
  });
  expect(response.status).toBe(200);

  const traced = () =>
    exports
      .flatMap((e) => e.resourceSpans.map((r) => ({ resource: values(r.resource.attributes), spans: r.scopeSpans.flatMap((s) => s.spans) })))
      .flatMap(({ resource, spans }) => spans.map((span) => ({ resource, span, attributes: values(span.attributes) })))
      .filter(({ span }) => span.traceId === traceId);
  const requestSpan = () => traced().find(({ span }) => span.name === 'GET /api/workflows');
  // The batch processor sends spans every few seconds.
  await expect.poll(requestSpan, { timeout: 30_000 }).toBeTruthy();
  const { resource, span, attributes } = requestSpan()!;
  expect(span.kind).toBe(2); // SPAN_KIND_SERVER
  expect(attributes).toMatchObject({ 'http.method': 'GET', 'http.target': '/api/workflows', 'http.status_code': 200, 'next.route': '/api/workflows' });
  // The request's spans (the proxy's pass and the route's) hang below the caller's span.
  expect(traced().some(({ span: s }) => s.parentSpanId === parentId)).toBe(true);
  expect(resource['service.name']).toBe('weft-e2e');
});
