import type { RunCapabilities, WaitRequest } from '../run-capabilities';

export {
  addUsage,
  BlockError,
  Suspension,
  type SubWorkflowResult,
  type TokenUsage,
  type WaitRequest,
  type WorkflowToolInfo,
} from '../run-capabilities';

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
  /**
   * A container block (`container` in its spec) runs the blocks inside it once: `variables` are visible to them by
   * name (`{{loop.item}}`, `loop.item` in code), `iteration` numbers their events and block logs. Resolves with the
   * result (the output of the inner block with no inner outgoing edge, or an object of them by block id); rejects
   * with a BlockError when an inner block fails the run.
   */
  runChildren(variables: Readonly<Record<string, unknown>>, iteration: number, signal: AbortSignal): Promise<unknown>;
  /** Pauses the execution at this block (see WaitRequest); never returns. */
  suspend(request: WaitRequest): never;
}
