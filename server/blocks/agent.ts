import { z } from 'zod';
import { resolveModel } from '../llm/providers';
import { runModel } from '../llm/run';
import { BUILTIN_TOOL_NAMES, buildAgentTools, mcpTools } from '../llm/tools';
import { modelAndPromptConfig, modelHint } from './llm';
import { defineBlock } from './types';

/** Tools every agent may be given by name. */
const builtinAgentTools = BUILTIN_TOOL_NAMES;

const toolList = builtinAgentTools.map((name) => `"${name}"`).join(', ');

const agentToolSchema = z.union([z.enum(builtinAgentTools), z.strictObject({ workflow_id: z.string().min(1) })], {
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
    ...modelAndPromptConfig,
    instructions: z.string().optional(),
    tools: z.array(agentToolSchema).default([]),
    /** Names of MCP servers configured in the workspace (Settings → MCP servers) whose tools the agent may call. */
    mcp_servers: z.array(z.string().min(1)).default([]),
    /** The most model calls the agent makes before it must answer. */
    max_steps: z.int().min(1).max(50).default(8),
  },
  templateFields: ['prompt', 'instructions'],
  summary: { parts: [{ field: 'model' }, { field: 'prompt', format: 'words' }] },
  outputs: { fields: ['output', 'model', 'usage', 'steps'] },
  defaults: { model: 'gpt-4o-mini', prompt: '{{input.text}}', tools: ['current_time'] },
  async run(context) {
    const { config } = context;
    const model = await resolveModel(config.model, context);
    const { tools } = await buildAgentTools(config.tools, context);
    const mcp = await mcpTools(config.mcp_servers, new Set(Object.keys(tools)), context);
    const { text, usage, steps } = await runModel({
      context,
      model,
      instructions: config.instructions,
      prompt: config.prompt,
      tools: { ...tools, ...mcp.tools },
      maxSteps: config.max_steps,
      logStepText: true,
    }).finally(mcp.close);
    const last = steps.at(-1);
    if (last && last.finish_reason === 'tool-calls') {
      context.log('warn', `The agent used all ${config.max_steps} steps without a final answer; raise max_steps to let it finish`);
    }
    return { output: text, model: model.name, usage, steps };
  },
  fieldHints: {
    model: modelHint,
    instructions: { widget: 'textarea', label: 'Instructions', help: 'The system prompt; supports templates.' },
    prompt: { widget: 'textarea', label: 'Task', help: 'Supports {{block_id.field}} templates, e.g. {{input.text}}.' },
    tools: {
      widget: 'json',
      label: 'Tools',
      help: `Built-in tools (${toolList}) and/or {"workflow_id": "..."} to call another workflow.`,
    },
    mcp_servers: {
      widget: 'json',
      label: 'MCP servers',
      help: 'Names of MCP servers from Settings → MCP servers, e.g. ["github"]; their tools are offered as <server>_<tool>.',
    },
    max_steps: { widget: 'number', label: 'Max steps', help: 'From 1 to 50.' },
  },
});
