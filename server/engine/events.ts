import { z } from 'zod';
import { executionStatuses } from '@/lib/execution-states';
import { CONSOLE_LEVELS } from '../sandbox/console';

// The events of an execution, exactly as ../shared/API.md names them. Every event carries the execution id and,
// once published, a sequence number that increases by one per event within the execution (the SSE `id`). The
// zod schemas are the one source: the engine's types are inferred from them and the OpenAPI document describes
// the stream with them.

export interface ExecutionErrorInfo {
  message: string;
  block_id: string | null;
  code: string;
}

const blockRef = {
  block_id: z.string(),
  block_type: z.string(),
  iteration: z.int().min(0).optional().describe('inside a loop: the index of the iteration this happened in'),
  iteration_path: z.array(z.int().min(0)).optional().describe('inside nested loops: every loop\'s index, outermost first'),
};

const eventBodySchemas = [
  z.object({ type: z.literal('execution_start'), workflow_id: z.string(), started_at: z.string() }),
  z.object({ type: z.literal('block_start'), ...blockRef }),
  z.object({ type: z.literal('block_chunk'), ...blockRef, chunk: z.string().describe('streamed LLM text') }),
  z.object({ type: z.literal('block_log'), ...blockRef, level: z.enum(CONSOLE_LEVELS), message: z.string() }),
  z.object({ type: z.literal('block_complete'), ...blockRef, data: z.object({ output: z.unknown() }), duration_ms: z.number() }),
  z.object({
    type: z.literal('block_error'),
    ...blockRef,
    data: z.object({ error: z.object({ message: z.string(), code: z.string() }) }),
    duration_ms: z.number(),
  }),
  z.object({ type: z.literal('block_skipped'), ...blockRef }),
  z.object({
    type: z.literal('block_waiting').describe('the execution now waits at this block (an approval, a long wait)'),
    ...blockRef,
    message: z.string().nullable(),
    resume_at: z.string().nullable(),
  }),
  z.object({ type: z.literal('done'), status: z.enum(executionStatuses), output: z.unknown(), duration_ms: z.number() }),
  z.object({
    type: z.literal('error').describe('the execution failed or was cancelled'),
    error: z.string(),
    code: z.string(),
    block_id: z.string().nullable(),
  }),
] as const;

export type EngineEventBody = z.infer<(typeof eventBodySchemas)[number]>;

/** As published: numbered, stamped with the time it happened (`at`, ISO-8601), and tied to its execution. */
export type EngineEvent = EngineEventBody & { execution_id: string; at: string; seq: number };

/** One event as a stream client receives it in an SSE `data:` line: the body plus `execution_id` and `at` (the
 * sequence number travels as the SSE `id`). Each kind is named so the OpenAPI document lists them one by one. */
const [firstStreamEvent, ...otherStreamEvents] = eventBodySchemas.map((schema) =>
  schema.extend({ execution_id: z.string(), at: z.iso.datetime() }).meta({ id: eventSchemaName(schema.shape.type.value) }),
);
export const streamEventSchema = z.discriminatedUnion('type', [firstStreamEvent, ...otherStreamEvents]).meta({
  id: 'ExecutionEvent',
  description: 'The `data` of one server-sent event; its `type` is also the SSE `event` name.',
});

function eventSchemaName(type: string): string {
  return `${type.replace(/(^|_)(\w)/g, (_m, _sep, c: string) => c.toUpperCase())}Event`;
}

const TERMINAL_EVENT_TYPES = new Set(['done', 'error']);

export function isTerminalEvent(event: { type: string }): boolean {
  return TERMINAL_EVENT_TYPES.has(event.type);
}
