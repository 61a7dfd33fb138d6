import type { BlockRunContext, SubWorkflowResult, TokenUsage, WorkflowToolInfo } from '../blocks/run-context';
import type { McpServerSettings } from '../run-capabilities';
import type { ConsoleLevel } from '../sandbox/console';

// A BlockRunContext for tests of the llm and agent blocks, recording what the block streamed, logged and used.

export interface RecordedContext<TConfig> {
  context: BlockRunContext<TConfig>;
  chunks: string[];
  logs: { level: ConsoleLevel; message: string }[];
  usage: TokenUsage[];
  controller: AbortController;
  /** Every `runWorkflow` call. */
  workflowRuns: { workflowId: string; input: Record<string, unknown>; signal: AbortSignal }[];
}

export interface ContextOptions {
  /** Workspace credentials by name. */
  credentials?: Record<string, string>;
  workflows?: Record<string, WorkflowToolInfo>;
  /** The workspace's MCP servers by name. */
  mcpServers?: Record<string, Omit<McpServerSettings, 'name'>>;
  runWorkflow?: (workflowId: string, input: Record<string, unknown>) => Promise<SubWorkflowResult>;
  timeoutMs?: number;
}

/** Parses `rawConfig` with the block's schema (defaults applied) and builds a context around it. */
export function recordedContext<TConfig>(
  definition: { type: string; configSchema: { parse(value: unknown): TConfig } },
  rawConfig: Record<string, unknown>,
  options: ContextOptions = {},
): RecordedContext<TConfig> {
  const controller = new AbortController();
  const recorded: RecordedContext<TConfig> = {
    chunks: [],
    logs: [],
    usage: [],
    controller,
    workflowRuns: [],
    context: {
      blockId: 'block',
      blockType: definition.type,
      executionId: 'exec',
      workspaceId: 'ws',
      config: definition.configSchema.parse(rawConfig),
      input: {},
      upstream: {},
      feeders: [],
      runChildren: () => Promise.reject(new Error('not a container')),
      suspend: () => {
        throw new Error('blocks under test do not pause');
      },
      signal: controller.signal,
      log: (level, message) => void recorded.logs.push({ level, message }),
      chunk: (text) => void recorded.chunks.push(text),
      addUsage: (usage) => void recorded.usage.push(usage),
      credential: async (name) => options.credentials?.[name] ?? null,
      timeoutMs: options.timeoutMs,
      describeWorkflow: async (id) => options.workflows?.[id] ?? null,
      checkModelBudget: async () => null,
      mcpServer: async (name) => {
        const server = options.mcpServers?.[name];
        return server ? { name, ...server } : null;
      },
      runWorkflow: async (workflowId, input, signal) => {
        recorded.workflowRuns.push({ workflowId, input, signal });
        if (!options.runWorkflow) throw new Error('no workflows in this test');
        return options.runWorkflow(workflowId, input);
      },
    },
  };
  return recorded;
}
