import { jsonSchema, tool, type JSONSchema7, type Tool } from 'ai';
import { BlockError, type RunCapabilities, type WorkflowToolInfo } from '../../run-capabilities';

// `{"workflow_id": "..."}` in an agent's tools: another workflow of the workspace as a tool. Its name becomes the
// tool name, its description the tool's, and the fields of its input block the tool's parameters.

/** Tool names providers accept: letters, digits, `_` and `-`, at most 64 characters (OpenAI's and Anthropic's rule). */
const MAX_TOOL_NAME_LENGTH = 64;

/** "Summarize article!" → "summarize_article"; never empty. */
export function sanitizeToolName(name: string): string {
  const cleaned = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^[_-]+|[_-]+$/g, '')
    .slice(0, MAX_TOOL_NAME_LENGTH);
  return cleaned || 'workflow';
}

/** `name`, or `name_2`, `name_3`… when taken; the name is recorded as taken. */
export function uniqueToolName(name: string, taken: Set<string>): string {
  let candidate = name;
  for (let n = 2; taken.has(candidate); n++) {
    const suffix = `_${n}`;
    candidate = `${name.slice(0, MAX_TOOL_NAME_LENGTH - suffix.length)}${suffix}`;
  }
  taken.add(candidate);
  return candidate;
}

const FIELD_TYPES: Record<WorkflowToolInfo['fields'][number]['type'], JSONSchema7> = {
  string: { type: 'string' },
  number: { type: 'number' },
  integer: { type: 'integer' },
  boolean: { type: 'boolean' },
  object: { type: 'object' },
  array: { type: 'array' },
};

/** The tool's parameters: one per input field; a workflow that declares none takes any object. */
export function workflowInputSchema(info: WorkflowToolInfo): JSONSchema7 {
  if (info.fields.length === 0) {
    return { type: 'object', properties: {}, additionalProperties: true, description: `The input of the workflow "${info.name}"` };
  }
  const properties: Record<string, JSONSchema7> = {};
  for (const field of info.fields) {
    properties[field.name] = { ...(FIELD_TYPES[field.type] ?? {}), ...(field.description ? { description: field.description } : {}) };
  }
  const required = info.fields.filter((field) => field.required).map((field) => field.name);
  return { type: 'object', properties, required, additionalProperties: false };
}

export interface WorkflowTool {
  name: string;
  workflowId: string;
  tool: Tool;
}

type WorkflowContext = Pick<RunCapabilities, 'describeWorkflow' | 'runWorkflow' | 'signal'>;

/** Looks the workflow up and makes it a tool; a workflow that does not exist fails the block. */
export async function workflowTool(context: WorkflowContext, workflowId: string, taken: Set<string>): Promise<WorkflowTool> {
  const info = await context.describeWorkflow(workflowId);
  if (!info) {
    throw new BlockError(`The agent's tool {"workflow_id": "${workflowId}"} names no workflow of this workspace`, 'workflow_not_found', false);
  }
  const name = uniqueToolName(sanitizeToolName(info.name), taken);
  const description = info.description?.trim() || `Runs the workflow "${info.name}" and returns its output.`;
  return {
    name,
    workflowId,
    tool: tool({
      description,
      inputSchema: jsonSchema<Record<string, unknown>>(workflowInputSchema(info)),
      execute: async (input, { abortSignal }) => {
        const result = await context.runWorkflow(workflowId, input ?? {}, abortSignal ?? context.signal);
        if (result.status === 'completed') return result.output ?? null;
        throw new Error(`The workflow "${info.name}" ${result.status === 'cancelled' ? 'was cancelled' : 'failed'}: ${result.error?.message ?? 'no output'}`);
      },
    }),
  };
}
