import { z } from 'zod';
import { BlockError } from './run-context';
import { defineBlock } from './types';

/** One call to a language model. */
export const llmBlock = defineBlock({
  type: 'llm',
  label: 'LLM',
  description: 'Sends a prompt to a language model and returns its reply.',
  icon: 'sparkles',
  category: 'ai',
  config: {
    /** `"gpt-4o-mini"`, or `provider/model` such as `"anthropic/claude-sonnet-4-5"` or `"ollama/llama3.2"`. */
    model: z.string().min(1),
    prompt: z.string().min(1),
    system: z.string().optional(),
    temperature: z.number().min(0).max(2).optional(),
    max_tokens: z.int().positive().optional(),
    /** `json` asks the model for JSON and parses the reply. */
    response_format: z.enum(['text', 'json']).default('text'),
  },
  templateFields: ['prompt', 'system'],
  targetHandles: [null],
  sourceHandles: [null],
  defaults: { model: 'gpt-4o-mini', prompt: '{{input.text}}' },
  async run() {
    throw new BlockError('LLM blocks are not available yet: model providers arrive with the LLM issue', 'not_available', false);
  },
  fieldHints: {
    model: {
      widget: 'model',
      label: 'Model',
      placeholder: 'gpt-4o-mini',
      help: 'A model name, or provider/model such as anthropic/claude-sonnet-4-5 or ollama/llama3.2.',
    },
    system: { widget: 'textarea', label: 'System prompt', help: 'Supports {{block_id.field}} templates.' },
    prompt: { widget: 'textarea', label: 'Prompt', help: 'Supports {{block_id.field}} templates, e.g. {{input.text}}.' },
    temperature: { widget: 'number', label: 'Temperature', help: 'From 0 (focused) to 2 (creative).' },
    max_tokens: { widget: 'number', label: 'Max tokens', help: 'Upper bound on the length of the reply.' },
    response_format: {
      widget: 'select',
      label: 'Response format',
      options: [
        { value: 'text', label: 'Text' },
        { value: 'json', label: 'JSON (parsed)' },
      ],
    },
  },
});
