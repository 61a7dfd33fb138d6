import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { resetEnvForTests } from '../env';
import { setupTestDatabase } from '../test/database';
import { runToEnd } from '../test/executions';
import { createTestWorkspace, type TestWorkspace } from '../test/fixtures';
import { block, chain } from '../test/graphs';
import { startServer, type TestServer } from '../test/http-server';
import { startStandInProvider, type StandInProvider } from '../test/llm-providers';
import { createWorkflow } from '../services/workflows';
import { flushTracing, startTracing } from './tracing';

// With OTEL_EXPORTER_OTLP_ENDPOINT set, an execution arrives at the collector as one trace: a root span for the
// execution and a child span per block. The collector here is a local HTTP server receiving OTLP/HTTP JSON.

setupTestDatabase();
const KEY = 'sk-test-otel-0123456789abcdef';
let collector: TestServer;
let provider: StandInProvider;
let ws: TestWorkspace;

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  status?: { code?: number };
  attributes: { key: string; value: Record<string, unknown> }[];
}

function receivedSpans(): OtlpSpan[] {
  return collector.requests
    .filter((request) => request.url === '/v1/traces')
    .flatMap((request) => (JSON.parse(request.body) as { resourceSpans: { scopeSpans: { spans: OtlpSpan[] }[] }[] }).resourceSpans)
    .flatMap((resource) => resource.scopeSpans.flatMap((scope) => scope.spans));
}

/** OTLP JSON attributes as plain values (intValue arrives as a string or number). */
function attributes(span: OtlpSpan): Record<string, unknown> {
  return Object.fromEntries(span.attributes.map(({ key, value }) => [key, value.stringValue ?? (value.intValue !== undefined ? Number(value.intValue) : (value.doubleValue ?? value.boolValue))]));
}

beforeAll(async () => {
  collector = await startServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{}');
  });
  provider = await startStandInProvider({ apiKey: KEY });
  vi.stubEnv('OTEL_EXPORTER_OTLP_ENDPOINT', collector.origin);
  vi.stubEnv('OTEL_EXPORTER_OTLP_PROTOCOL', 'http/json');
  vi.stubEnv('OPENAI_API_KEY', KEY);
  vi.stubEnv('OPENAI_BASE_URL', provider.baseUrl);
  vi.stubEnv('WEFT_ALLOW_PRIVATE_NETWORK', 'true');
  resetEnvForTests();
  await startTracing();
  ws = await createTestWorkspace('Traced');
});

afterAll(async () => {
  vi.unstubAllEnvs();
  resetEnvForTests();
  await provider.close();
  await collector.close();
});

describe('OpenTelemetry export', () => {
  it('exports a 3-block run as one trace: the execution span with a span per block, the model call in GenAI terms', async () => {
    const workflowId = (await createWorkflow(ws.owner, { name: 'Three blocks' })).id;
    provider.script({ text: ['Bonjour'], usage: { input: 12, output: 4 } });
    const run = await runToEnd(ws.id, workflowId, chain(block('translate', 'llm', { model: 'openai/gpt-4o-mini', prompt: 'Say hello in French' })));
    expect(run.status).toBe('completed');
    await flushTracing();

    const spans = receivedSpans().filter((span) => span.traceId === receivedSpans().find((s) => s.name === 'weft.execution')?.traceId);
    const root = spans.find((span) => span.name === 'weft.execution')!;
    expect(root.parentSpanId ?? '').toBe('');
    expect(attributes(root)).toMatchObject({ 'weft.workflow.id': workflowId, 'weft.execution.id': run.id, 'weft.execution.status': 'completed' });

    const children = spans.filter((span) => span !== root);
    expect(children.map((span) => span.parentSpanId)).toEqual([root.spanId, root.spanId, root.spanId]);
    const byBlock = Object.fromEntries(children.map((span) => [attributes(span)['weft.block.id'], span]));
    expect(Object.keys(byBlock).sort()).toEqual(['input', 'output', 'translate']);
    for (const span of children) {
      expect(attributes(span)).toMatchObject({ 'weft.workflow.id': workflowId, 'weft.block.status': 'success', 'weft.block.attempts': 1 });
    }
    expect(attributes(byBlock.input)['weft.block.type']).toBe('input');
    expect(byBlock.translate.name).toBe('chat gpt-4o-mini');
    expect(attributes(byBlock.translate)).toMatchObject({
      'weft.block.type': 'llm',
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-4o-mini',
      'gen_ai.usage.input_tokens': 12,
      'gen_ai.usage.output_tokens': 4,
    });
  });

  it('marks a failed block and its execution as errors', async () => {
    const workflowId = (await createWorkflow(ws.owner, { name: 'Fails' })).id;
    const run = await runToEnd(ws.id, workflowId, chain(block('boom', 'code', { code: 'throw new Error("no")' })));
    expect(run.status).toBe('failed');
    await flushTracing();
    const spans = receivedSpans();
    const root = spans.find((span) => span.name === 'weft.execution' && attributes(span)['weft.execution.id'] === run.id)!;
    const boom = spans.find((span) => span.parentSpanId === root.spanId && attributes(span)['weft.block.id'] === 'boom')!;
    expect(boom.status?.code).toBe(2);
    expect(attributes(boom)['weft.block.status']).toBe('error');
    expect(root.status?.code).toBe(2);
  });
});
