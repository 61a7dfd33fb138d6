import { z } from 'zod';
import { readJsonReply, withJsonInstruction } from '../llm/json';
import { resolveModel } from '../llm/providers';
import { runModel } from '../llm/run';
import { selectHint } from './common';
import { defineBlock } from './types';

/** What every model-driven block is given: which model, and the (templated) prompt it answers. */
export const modelAndPromptConfig = {
  /** `"gpt-4o-mini"`, or `provider/model` such as `"anthropic/claude-sonnet-4-5"` or `"ollama/llama3.2"`. */
  model: z.string().min(1),
  prompt: z.string().min(1),
};

/** The model picker's field (the editor lists each provider's known models, and "Custom…"). */
export const modelHint = {
  widget: 'model',
  label: 'Model',
  placeholder: 'gpt-4o-mini',
  help: 'Choose a listed model, or Custom… to type another model your provider serves.',
} as const;

/** One call to a language model. */
export const llmBlock = defineBlock({
  type: 'llm',
  label: 'LLM',
  description: 'Sends a prompt to a language model and returns its reply.',
  icon: 'sparkles',
  category: 'ai',
  config: {
    ...modelAndPromptConfig,
    system: z.string().optional(),
    temperature: z.number().min(0).max(2).optional(),
    max_tokens: z.int().positive().optional(),
    /** `json` asks the model for JSON and parses the reply. */
    response_format: z.enum(['text', 'json']).default('text'),
  },
  templateFields: ['prompt', 'system'],
  summary: { parts: [{ field: 'model' }, { field: 'prompt', format: 'words' }] },
  outputs: { fields: ['output', 'model', 'usage', 'usage.input_tokens', 'usage.output_tokens'] },
  defaults: { model: 'gpt-4o-mini', prompt: '{{input.text}}' },
  async run(context) {
    const { config } = context;
    const model = await resolveModel(config.model, context);
    const json = config.response_format === 'json';
    const { text, usage } = await runModel({
      context,
      model,
      instructions: json ? withJsonInstruction(config.system) : config.system,
      prompt: config.prompt,
      temperature: config.temperature,
      maxOutputTokens: config.max_tokens,
      jsonMode: json && model.supportsJsonMode,
    });
    return { output: json ? readJsonReply(text, context.log) : text, model: model.name, usage };
  },
  fieldHints: {
    model: modelHint,
    system: { widget: 'textarea', label: 'System prompt', help: 'Supports {{block_id.field}} templates.' },
    prompt: { widget: 'textarea', label: 'Prompt', help: 'Supports {{block_id.field}} templates, e.g. {{input.text}}.' },
    temperature: { widget: 'number', label: 'Temperature', help: 'From 0 (focused) to 2 (creative).' },
    max_tokens: { widget: 'number', label: 'Max tokens', help: 'Upper bound on the length of the reply.' },
    response_format: selectHint('Response format', { text: 'Text', json: 'JSON (parsed)' }),
  },
});
