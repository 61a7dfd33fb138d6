import { z } from 'zod';
import { defineBlock } from './types';

/** What the workflow returns. */
export const outputBlock = defineBlock({
  type: 'output',
  label: 'Output',
  description: 'Sets the result of the execution from the outputs of the blocks before it.',
  icon: 'flag',
  category: 'io',
  role: 'exit',
  config: {
    /** A template string or any JSON containing templates; when absent, the outputs of the upstream blocks. */
    value: z.json().optional(),
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
  },
});
