import type { ExecutionStatus } from '@/lib/execution-states';
import type { ConsoleLevel } from './sandbox/console';

// What a piece of work running inside an execution may use and report — the vocabulary shared by block types
// (server/blocks) and the capabilities they call (server/llm, its tools). It sits below both, so neither imports
// the other's internals.

/** Token counts of a model call, as block logs and executions report them. */
export interface TokenUsage {
  input_tokens: number;
  output_tokens: number;
  /** How many of the input tokens were read from the provider's prompt cache (billed lower); absent when none. */
  cached_input_tokens?: number;
}

/** Token usage summed: `total` so far (null when nothing was counted yet) plus `more`. */
export function addUsage(total: TokenUsage | null, more: TokenUsage): TokenUsage {
  const sum = { input_tokens: (total?.input_tokens ?? 0) + more.input_tokens, output_tokens: (total?.output_tokens ?? 0) + more.output_tokens };
  const cached = (total?.cached_input_tokens ?? 0) + (more.cached_input_tokens ?? 0);
  return cached > 0 ? { ...sum, cached_input_tokens: cached } : sum;
}

/** What the running work can reach: cancellation, its console and stream, usage, credentials, other workflows. */
export interface RunCapabilities {
  workspaceId: string;
  /** Aborted when the block times out or the execution is cancelled or fails. */
  signal: AbortSignal;
  /** One console line for the block log, streamed as a `block_log` event. */
  log(level: ConsoleLevel, message: string): void;
  /** Streamed text (LLM tokens), sent as `block_chunk` events. */
  chunk(text: string): void;
  /** Token usage of model calls, summed on the execution. */
  addUsage(usage: TokenUsage): void;
  /** A workspace credential by name (e.g. OPENAI_API_KEY), or null. Never log what it returns. */
  credential(name: string): Promise<string | null>;
  /** The block's own timeout, when set, so long operations can size their own limits. */
  timeoutMs: number | undefined;
  /** Another workflow of the same workspace, as an agent tool sees it; null when there is none. */
  describeWorkflow(workflowId: string): Promise<WorkflowToolInfo | null>;
  /**
   * Runs another workflow of the same workspace to its end (nesting is limited); aborting `signal` cancels it.
   * Without `options.version` it runs the deployed version when there is one, else the draft.
   */
  runWorkflow(workflowId: string, input: Record<string, unknown>, signal: AbortSignal, options?: SubWorkflowOptions): Promise<SubWorkflowResult>;
  /** An MCP server configured in the workspace (Settings → MCP servers), by name; null when there is none. */
  mcpServer(name: string): Promise<McpServerSettings | null>;
  /**
   * Asked before a model call: the workspace's monthly budget as a warning for the block log, or null. Rejects with
   * a `budget_exceeded` BlockError when the budget is spent and set to stop model calls.
   */
  checkModelBudget(): Promise<string | null>;
}

export interface McpServerSettings {
  name: string;
  url: string;
  /** The name of the workspace credential sent as the Authorization header, if any. */
  credential: string | null;
}

export interface SubWorkflowOptions {
  version?: 'deployed' | 'draft';
  /** The calling block, recorded on the child execution so history links both ways. */
  blockId?: string;
}

/**
 * What a block asks for when it pauses its execution (an approval, a long wait): the execution is recorded as
 * `waiting` and no process holds it until a decision or the time resumes it.
 */
export interface WaitRequest {
  /** Shown to the people who decide. */
  message: string | null;
  /** Whether a person's decision (the resume route) resumes it; otherwise only time does. */
  awaits_decision: boolean;
  /** When time resumes it by itself (ISO 8601), or null for never. */
  resume_at: string | null;
  /** What the block did once `resume_at` has come: its output, or its failure. */
  on_time: { output: unknown } | { error: { message: string; code: string } };
}

/** Thrown by `suspend`: the block is not done, its execution waits (see WaitRequest). */
export class Suspension extends Error {
  constructor(readonly request: WaitRequest) {
    super('Waiting');
    this.name = 'Suspension';
  }
}

export interface WorkflowToolInfo {
  id: string;
  name: string;
  description: string | null;
  /** The fields its input block declares: they become the tool's parameters. */
  fields: { name: string; type: 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array'; required: boolean; description?: string }[];
}

export interface SubWorkflowResult {
  execution_id: string;
  status: ExecutionStatus;
  output: unknown;
  error: { message: string; block_id: string | null; code: string } | null;
}

/** A block failed in a way the user should read; `code` lands in the execution error. */
export class BlockError extends Error {
  constructor(
    message: string,
    readonly code: string = 'block_failed',
    /** False when trying again cannot help (bad input, a syntax error), so retries are skipped. */
    readonly retryable = true,
    /** The least time to wait before the next attempt (a rate-limited provider's Retry-After), when known. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'BlockError';
  }
}
