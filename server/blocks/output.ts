import { z } from 'zod';
import { defineBlock } from './types';

/** Headers a workflow may not set on a webhook's answer: the server owns framing, the body's type and cookies. */
const RESERVED_HEADERS = new Set(['content-length', 'content-type', 'transfer-encoding', 'connection', 'set-cookie', 'keep-alive', 'upgrade']);

/** How a synchronous standing webhook answers when this output produced the result. */
const responseSchema = z.strictObject({
  status: z.int().min(200).max(599).optional(),
  headers: z
    .record(
      z.string().regex(/^[A-Za-z0-9-]{1,100}$/, 'must be an HTTP header name').refine((name) => !RESERVED_HEADERS.has(name.toLowerCase()), 'is set by the server'),
      z.string().max(2000).regex(/^[^\r\n]*$/, 'must be one line'),
    )
    .optional(),
});

/** What the workflow returns. */
export const outputBlock = defineBlock({
  type: 'output',
  label: 'Output',
  description: 'Sets the result of the execution from the outputs of the blocks before it.',
  icon: 'flag',
  category: 'io',
  role: 'exit',
  contained: true,
  config: {
    /** A template string or any JSON containing templates; when absent, the outputs of the upstream blocks. */
    value: z.json().optional(),
    /** For synchronous standing webhooks: the status code and headers of the answer. */
    response: responseSchema.optional(),
  },
  templateFields: ['value'],
  summary: { parts: [{ field: 'value' }], empty: 'outputs of connected blocks' },
  defaults: {},
  async run({ config, feeders, upstream }) {
    if (config.value !== undefined) return config.value;
    return Object.fromEntries(feeders.map((id) => [id, upstream[id] ?? null]));
  },
  fieldHints: {
    value: {
      widget: 'json',
      label: 'Value',
      help: 'A template such as "{{llm_1.output}}" or JSON containing templates. Leave empty to return the outputs of the blocks connected to this one.',
    },
    response: {
      widget: 'json',
      label: 'Webhook response',
      help: 'Optional {"status": 201, "headers": {"X-Request-Id": "…"}}: how a synchronous standing webhook answers when this output produced the result.',
      advanced: true,
    },
  },
});
