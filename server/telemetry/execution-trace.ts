import { context, SpanStatusCode, trace, type Attributes, type Span, type Tracer } from '@opentelemetry/api';
import {
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_RESPONSE_MODEL,
  ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
} from '@opentelemetry/semantic-conventions/incubating';
import type { BlockLogRecord } from '../engine/run-graph';
import type { TokenUsage } from '../run-capabilities';

// One execution as a trace: a root span for the execution and a child span per block, built from what the engine
// already reports (block logs, the result), so the engine knows nothing of tracing. A block that used tokens is a
// model call and carries the GenAI semantic conventions (operation, provider, model, token usage).

interface TracedJob {
  executionId: string;
  workflowId: string;
  startedAt: Date;
  resume?: boolean;
}

export interface ExecutionTrace {
  block(log: BlockLogRecord, costUsd: number | null): void;
  end(outcome: { status: string; error: { message: string } | null; usage: TokenUsage | null; costUsd: number | null }): void;
}

function modelNames(log: BlockLogRecord): { requested: string; answered: string | null } | null {
  const config = log.input as { model?: unknown } | null;
  if (!log.usage || typeof config?.model !== 'string') return null;
  const output = log.output as { model?: unknown } | null;
  return { requested: config.model, answered: typeof output?.model === 'string' ? output.model : null };
}

/** The GenAI attributes of a model call; `provider/model` names split as the conventions want them. */
function genAiAttributes(log: BlockLogRecord): Attributes {
  const names = modelNames(log);
  if (!names || !log.usage) return {};
  const full = names.answered ?? names.requested;
  const slash = full.indexOf('/');
  const provider = slash > 0 ? full.slice(0, slash).replace(/-chat$/, '') : null;
  const model = slash > 0 ? full.slice(slash + 1) : full;
  return {
    [ATTR_GEN_AI_OPERATION_NAME]: 'chat',
    ...(provider ? { [ATTR_GEN_AI_PROVIDER_NAME]: provider } : {}),
    [ATTR_GEN_AI_REQUEST_MODEL]: model,
    ...(names.answered ? { [ATTR_GEN_AI_RESPONSE_MODEL]: model } : {}),
    [ATTR_GEN_AI_USAGE_INPUT_TOKENS]: log.usage.input_tokens,
    [ATTR_GEN_AI_USAGE_OUTPUT_TOKENS]: log.usage.output_tokens,
    ...(log.usage.cached_input_tokens ? { [ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS]: log.usage.cached_input_tokens } : {}),
  };
}

function withCost(attributes: Attributes, costUsd: number | null): Attributes {
  return costUsd === null ? attributes : { ...attributes, 'weft.cost_usd': costUsd };
}

export function traceExecution(tracer: Tracer, job: TracedJob): ExecutionTrace {
  // Its own trace, linked to the request that started it (if any), so a long run is not buried in a request span.
  const requestSpan = trace.getActiveSpan()?.spanContext();
  const root: Span = tracer.startSpan('weft.execution', {
    root: true,
    startTime: job.startedAt,
    links: requestSpan ? [{ context: requestSpan }] : [],
    attributes: { 'weft.workflow.id': job.workflowId, 'weft.execution.id': job.executionId, 'weft.execution.resumed': Boolean(job.resume) },
  });
  const parent = trace.setSpan(context.active(), root);
  return {
    block(log, costUsd) {
      const genAi = genAiAttributes(log);
      const startTime = log.startedAt ?? log.completedAt;
      const name = genAi[ATTR_GEN_AI_REQUEST_MODEL] ? `chat ${String(genAi[ATTR_GEN_AI_REQUEST_MODEL])}` : `block ${log.blockName ?? log.blockId}`;
      const attributes: Attributes = {
        'weft.workflow.id': job.workflowId,
        'weft.execution.id': job.executionId,
        'weft.block.id': log.blockId,
        'weft.block.type': log.blockType,
        'weft.block.status': log.status,
        'weft.block.attempts': log.attempts,
        ...(log.blockName ? { 'weft.block.name': log.blockName } : {}),
        ...genAi,
      };
      const span = tracer.startSpan(name, { startTime, attributes: withCost(attributes, costUsd) }, parent);
      if (log.status === 'error') span.setStatus({ code: SpanStatusCode.ERROR, message: log.error?.message });
      span.end(new Date(startTime.getTime() + (log.durationMs ?? 0)));
    },
    end(outcome) {
      root.setAttribute('weft.execution.status', outcome.status);
      if (outcome.usage) {
        root.setAttribute(ATTR_GEN_AI_USAGE_INPUT_TOKENS, outcome.usage.input_tokens);
        root.setAttribute(ATTR_GEN_AI_USAGE_OUTPUT_TOKENS, outcome.usage.output_tokens);
      }
      if (outcome.costUsd !== null) root.setAttribute('weft.cost_usd', outcome.costUsd);
      if (outcome.error) root.setStatus({ code: SpanStatusCode.ERROR, message: outcome.error.message });
      root.end();
    },
  };
}
