// Server code only: the tracer provider lives in the server process.
import 'server-only';
import type { Tracer } from '@opentelemetry/api';
import type { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { env } from '../env';
import { WEFT_VERSION } from '../version';

// OpenTelemetry tracing, on only when an OTLP endpoint is configured (the standard OTEL_EXPORTER_OTLP_* variables).
// Off, nothing of the SDK is loaded and `activeTracer()` is null, so executions pay one null check. On, the
// provider is registered globally: Next.js's own request spans (the server's HTTP spans) and Weft's execution
// spans (execution-trace.ts) go to the same exporter. Spans are sent as OTLP/HTTP JSON, which OTLP receivers accept
// beside binary protobuf, so `http/json` and `http/protobuf` both work.

let provider: NodeTracerProvider | null = null;
let tracer: Tracer | null = null;

function tracingConfigured(): boolean {
  const settings = env();
  return Boolean(settings.OTEL_EXPORTER_OTLP_ENDPOINT ?? settings.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}

/** Starts exporting when configured (once per process; before the first request, from instrumentation.ts). */
export async function startTracing(): Promise<void> {
  if (provider || !tracingConfigured()) return;
  const [{ NodeTracerProvider }, { BatchSpanProcessor }, { OTLPTraceExporter }, { resourceFromAttributes }, semconv] = await Promise.all([
    import('@opentelemetry/sdk-trace-node'),
    import('@opentelemetry/sdk-trace-base'),
    import('@opentelemetry/exporter-trace-otlp-http'),
    import('@opentelemetry/resources'),
    import('@opentelemetry/semantic-conventions'),
  ]);
  const resource = resourceFromAttributes({
    [semconv.ATTR_SERVICE_NAME]: env().OTEL_SERVICE_NAME ?? 'weft',
    [semconv.ATTR_SERVICE_VERSION]: WEFT_VERSION,
  });
  // The exporter reads the endpoint, headers and timeout from the OTEL_EXPORTER_OTLP_* variables itself.
  provider = new NodeTracerProvider({ resource, spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())] });
  provider.register();
  tracer = provider.getTracer('weft', WEFT_VERSION);
}

/** The tracer for execution spans, or null when tracing is off. */
export function activeTracer(): Tracer | null {
  return tracer;
}

/** Sends every finished span now (tests, and before the process exits). */
export async function flushTracing(): Promise<void> {
  await provider?.forceFlush();
}
