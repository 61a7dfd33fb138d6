import type { ToolSet } from 'ai';
import type { RunCapabilities } from '../../run-capabilities';
import { currentTimeTool } from './current-time';
import { httpRequestTool } from './http-request';
import { runCodeTool } from './run-code';
import { workflowTool } from './workflow-tools';

export { mcpTools } from './mcp-tools';

// The tools an agent block is given: built-in ones by name, other workflows by id.

export const BUILTIN_TOOL_NAMES = ['http_request', 'current_time', 'run_code'] as const;
type BuiltinToolName = (typeof BUILTIN_TOOL_NAMES)[number];

export type AgentToolConfig = BuiltinToolName | { workflow_id: string };

type ToolContext = Pick<RunCapabilities, 'describeWorkflow' | 'runWorkflow' | 'signal' | 'timeoutMs' | 'log' | 'workspaceId'>;

export interface AgentTools {
  tools: ToolSet;
  /** Tool name → workflow id, for the workflows among them. */
  workflows: Record<string, string>;
}

function builtinTool(name: BuiltinToolName, context: ToolContext) {
  switch (name) {
    case 'http_request':
      return httpRequestTool({ timeoutMs: context.timeoutMs });
    case 'current_time':
      return currentTimeTool();
    case 'run_code':
      return runCodeTool(context.workspaceId);
  }
}

/** Builds the tool set of an agent block; each tool is listed once however often the config names it. */
export async function buildAgentTools(config: readonly AgentToolConfig[], context: ToolContext): Promise<AgentTools> {
  const tools: ToolSet = {};
  const workflows: Record<string, string> = {};
  const taken = new Set<string>(BUILTIN_TOOL_NAMES);
  const seenWorkflows = new Set<string>();
  for (const entry of config) {
    if (typeof entry === 'string') {
      tools[entry] ??= builtinTool(entry, context);
      continue;
    }
    if (seenWorkflows.has(entry.workflow_id)) continue;
    seenWorkflows.add(entry.workflow_id);
    const made = await workflowTool(context, entry.workflow_id, taken);
    tools[made.name] = made.tool;
    workflows[made.name] = made.workflowId;
    context.log('info', `Tool ${made.name} runs the workflow ${made.workflowId}`);
  }
  return { tools, workflows };
}
