import type { RunCapabilities } from '../run-capabilities';

export { addUsage, BlockError, type SubWorkflowResult, type TokenUsage, type WorkflowToolInfo } from '../run-capabilities';

/**
 * What a block's `run` receives from the engine. Templates in the block's template fields are already rendered
 * into `config`; everything the block needs from outside comes through here, so blocks stay testable.
 */
export interface BlockRunContext<TConfig> extends RunCapabilities {
  blockId: string;
  blockType: string;
  executionId: string;
  /** The parsed config with defaults applied and templates rendered. */
  config: TConfig;
  /** The execution input (what the input block received). */
  input: unknown;
  /** Outputs of every finished block upstream of this one, by block id (the input block's is the input). */
  upstream: Readonly<Record<string, unknown>>;
  /** The workspace secrets the block's script names (`secrets.NAME`), by name; never log them. */
  secrets?: Readonly<Record<string, string>>;
  /** Ids of the blocks whose edges into this one were taken. */
  feeders: readonly string[];
}
