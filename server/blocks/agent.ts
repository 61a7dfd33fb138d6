import { z } from 'zod';
import { BlockError } from './run-context';
import { defineBlock } from './types';

/** Tools every agent may be given by name. */
export const builtinAgentTools = ['http_request', 'current_time', 'run_code'] as const;
export type BuiltinAgentTool = (typeof builtinAgentTools)[number];

const toolList = builtinAgentTools.map((name) => `"${name}"`).join(', ');

export const agentToolSchema = z.union([z.enum(builtinAgentTools), z.strictObject({ workflow_id: z.string().min(1) })], {
  error: () => `must be one of ${toolList}, or {"workflow_id": "..."} to call another workflow`,
});

/** A model that calls tools in a loop until it has an answer. */
export const agentBlock = defineBlock({
  type: 'agent',
  label: 'Agent',
  description: 'Lets a language model call tools, including other workflows, step by step until it has an answer.',
  icon: 'bot',
  category: 'ai',
  config: {
    model: z.string().min(1),
    prompt: z.string().min(1),
    instructions: z.string().optional(),
    tools: z.array(agentToolSchema).default([]),
    /** The most model calls the agent makes before it must answer. */
    max_steps: z.int().min(1).max(50).default(8),
  },
  templateFields: ['prompt', 'instructions'],
  targetHandles: [null],
  sourceHandles: [null],
  defaults: { model: 'gpt-4o-mini', prompt: '{{input.text}}', tools: ['current_time'] },
  async run() {
    throw new BlockError('Agent blocks are not available yet: model providers arrive with the LLM issue', 'not_available', false);
  },
  fieldHints: {
    model: { widget: 'model', label: 'Model', placeholder: 'gpt-4o-mini' },
    instructions: { widget: 'textarea', label: 'Instructions', help: 'The system prompt; supports templates.' },
    prompt: { widget: 'textarea', label: 'Task', help: 'Supports {{block_id.field}} templates, e.g. {{input.text}}.' },
    tools: {
      widget: 'json',
      label: 'Tools',
      help: `Built-in tools (${toolList}) and/or {"workflow_id": "..."} to call another workflow.`,
    },
    max_steps: { widget: 'number', label: 'Max steps', help: 'From 1 to 50.' },
  },
});
