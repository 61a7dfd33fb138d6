import { getBlockDefinition, type AnyBlockDefinition } from '../blocks';
import { addUsage, BlockError, Suspension, type BlockRunContext, type TokenUsage, type WaitRequest } from '../blocks/run-context';
import { parseBlockConfig } from '../graph/config';
import type { Block, Edge, Graph } from '@/lib/graph/schema';
import { upstreamOf } from '@/lib/graph/topology';
import { executeBlock, type BlockOutcome, type ConsoleLine, type RetrySettings } from './block-executor';
import type { EngineEventBody, ExecutionErrorInfo } from './events';
import { renderConfig } from './render-config';
import { blockSecretNames } from '../graph/secrets';
import { SECRETS_ROOT } from '@/lib/graph/secrets';

// The scheduling loop. A block becomes ready once every block feeding it has finished or been skipped; it runs
// if at least one of its incoming edges was taken and is skipped otherwise (so skips propagate). Ready blocks
// run concurrently up to a limit. A failing block with on_error "fail" aborts everything still running.
// A run covers one scope: the top-level blocks, or the blocks inside a container (a loop) for one of its
// iterations; a container's `run` starts those through `runChildren`. A block that suspends (an approval) leaves
// its downstream pending: once nothing else can run, the run ends `waiting`.

const DEFAULT_CONCURRENCY = 8;

/** Why an execution stopped early, given as the abort reason of its signal. */
export interface StopReason {
  code: 'cancelled' | 'execution_timeout';
  message: string;
}

export interface BlockLogRecord {
  blockId: string;
  blockType: string;
  blockName: string | null;
  status: 'success' | 'error' | 'skipped';
  input: unknown;
  output: unknown;
  error: { message: string; code: string } | null;
  startedAt: Date | null;
  completedAt: Date;
  durationMs: number | null;
  executionOrder: number;
  attempts: number;
  usage: TokenUsage | null;
  console: ConsoleLine[];
  /** Inside loops: the iteration indexes, outermost first; empty outside any loop. */
  iteration: number[];
}

/** What an earlier attempt at this execution recorded for a block: settled, so it is not run again. */
export type PriorBlock = Pick<BlockLogRecord, 'status' | 'output' | 'executionOrder' | 'usage'>;

/** How `RunGraphOptions.prior` names a block run: its id, plus its iteration inside loops. */
export function priorKey(blockId: string, iteration: readonly number[]): string {
  return iteration.length === 0 ? blockId : `${blockId}@${iteration.join('.')}`;
}

/** A block the execution waits at, and what it waits for. */
export type WaitingBlock = WaitRequest & { block_id: string };

export interface RunGraphOptions {
  executionId: string;
  workspaceId: string;
  graph: Graph;
  input: unknown;
  /** Abort with a StopReason to cancel the execution or end it at its time cap. */
  signal: AbortSignal;
  concurrency?: number;
  emit(event: EngineEventBody): void;
  /** Called as each block finishes or is skipped, so the record is written as the run goes. */
  onBlockFinished(log: BlockLogRecord): Promise<void>;
  credential(name: string): Promise<string | null>;
  describeWorkflow: BlockRunContext<unknown>['describeWorkflow'];
  runWorkflow: BlockRunContext<unknown>['runWorkflow'];
  mcpServer: BlockRunContext<unknown>['mcpServer'];
  checkModelBudget: BlockRunContext<unknown>['checkModelBudget'];
  /**
   * Blocks already settled by an earlier attempt (resuming after a crash or a pause), by `priorKey`: they count as
   * finished or skipped with their recorded output, without running, events or block logs again.
   */
  prior?: ReadonlyMap<string, PriorBlock>;
}

/** How the graph run ended: the output when it completed, else why not; block outputs and usage either way. */
export type GraphResult = (
  | { status: 'completed'; output: unknown; error: null }
  | { status: 'failed' | 'cancelled'; output: null; error: ExecutionErrorInfo }
  | { status: 'waiting'; output: null; error: null; waits: WaitingBlock[] }
) & {
  blockOutputs: Record<string, unknown>;
  usage: TokenUsage | null;
};

type BlockState = 'pending' | 'running' | 'finished' | 'skipped' | 'waiting';

interface Prepared {
  block: Block;
  definition: AnyBlockDefinition;
  config: Record<string, unknown>;
  /** The workspace secrets its templates and script name, filled in just before it runs. */
  secretNames: string[];
  incoming: Edge[];
  outgoing: Edge[];
}

function stopReason(signal: AbortSignal): StopReason {
  const reason = signal.reason as Partial<StopReason> | undefined;
  return reason?.code === 'execution_timeout'
    ? (reason as StopReason)
    : { code: 'cancelled', message: 'The execution was cancelled' };
}

/** The blocks of one scope (top level, or inside one container) with their edges and upstream. */
interface PreparedScope {
  prepared: Map<string, Prepared>;
  ancestors: Map<string, Set<string>>;
  /** Blocks with no outgoing edge in the scope: what an iteration results in. */
  sinks: string[];
}

function prepareScope(graph: Graph, parentId: string | null): PreparedScope {
  const blocks = graph.blocks.filter((block) => (block.parent_id ?? null) === parentId);
  const ids = new Set(blocks.map((block) => block.id));
  const edges = graph.edges.filter((e) => ids.has(e.source) && ids.has(e.target));
  const prepared = new Map<string, Prepared>();
  for (const block of blocks) {
    prepared.set(block.id, {
      block,
      definition: getBlockDefinition(block.type)!,
      config: parseBlockConfig(block),
      secretNames: blockSecretNames(block, getBlockDefinition(block.type)!),
      incoming: edges.filter((e) => e.target === block.id),
      outgoing: edges.filter((e) => e.source === block.id),
    });
  }
  const sinks = [...prepared.values()].filter((item) => item.outgoing.length === 0).map((item) => item.block.id);
  return { prepared, ancestors: upstreamOf({ blocks, edges }), sinks };
}

/** Scopes are prepared once per graph, not once per loop iteration. */
const scopeCache = new WeakMap<Graph, Map<string | null, PreparedScope>>();

function scopeOf(graph: Graph, parentId: string | null): PreparedScope {
  let scopes = scopeCache.get(graph);
  if (!scopes) scopeCache.set(graph, (scopes = new Map()));
  let scope = scopes.get(parentId);
  if (!scope) scopes.set(parentId, (scope = prepareScope(graph, parentId)));
  return scope;
}

/** Where a run sits: top level, or one iteration of a container, with what it sees from outside. */
interface Scope {
  parentId: string | null;
  iteration: number[];
  /** Outputs visible from outside the scope: the container's upstream and its variables (`loop`). */
  inherited: ReadonlyMap<string, unknown>;
  /** Execution order, shared by every scope of the execution. */
  order: { value: number };
  signal: AbortSignal;
}

export async function runGraph(options: RunGraphOptions): Promise<GraphResult> {
  return new GraphRun(options, { parentId: null, iteration: [], inherited: new Map(), order: { value: 0 }, signal: options.signal }).run();
}

/** The state of one run of a graph: which blocks are where, what they produced, which edges were taken. */
class GraphRun {
  private readonly prepared: Map<string, Prepared>;
  private readonly ancestors: Map<string, Set<string>>;
  private readonly sinks: string[];
  private readonly state: Map<string, BlockState>;
  private readonly outputs: Map<string, unknown>;
  private readonly waits: WaitingBlock[] = [];
  private readonly taken = new Set<Edge>();
  private readonly running = new Map<string, Promise<void>>();
  /** Aborted with the execution's signal, and also when a block fails the execution. */
  private readonly internal = new AbortController();
  private failure: ExecutionErrorInfo | null = null;
  private usage: TokenUsage | null = null;
  private readonly ranOutputs: string[] = [];
  private readonly priorExits: { id: string; order: number }[] = [];

  constructor(
    private readonly options: RunGraphOptions,
    private readonly scope: Scope,
  ) {
    ({ prepared: this.prepared, ancestors: this.ancestors, sinks: this.sinks } = scopeOf(options.graph, scope.parentId));
    this.outputs = new Map(scope.inherited);
    this.state = new Map([...this.prepared.keys()].map((id) => [id, 'pending']));
    const prior = options.prior;
    if (prior) {
      for (const id of this.prepared.keys()) {
        const recorded = prior.get(priorKey(id, scope.iteration));
        if (recorded) this.settleFromPrior(id, recorded);
      }
    }
  }

  private emit(body: EngineEventBody) {
    const { iteration } = this.scope;
    this.options.emit(iteration.length === 0 ? body : ({ ...body, iteration: iteration.at(-1), iteration_path: iteration } as EngineEventBody));
  }

  private blockFinished(log: Omit<BlockLogRecord, 'iteration'>) {
    return this.options.onBlockFinished({ ...log, iteration: this.scope.iteration });
  }

  /** A block an earlier attempt settled: its output and taken edges are as recorded then. */
  private settleFromPrior(id: string, prior: PriorBlock) {
    const item = this.prepared.get(id);
    // A block that failed without continuing is not settled: resuming runs it again.
    if (!item || (prior.status === 'error' && prior.output === null)) return;
    this.scope.order.value = Math.max(this.scope.order.value, prior.executionOrder);
    if (prior.status === 'skipped') {
      this.state.set(id, 'skipped');
      return;
    }
    this.state.set(id, 'finished');
    this.outputs.set(id, prior.output);
    if (prior.usage) this.usage = addUsage(this.usage, prior.usage);
    for (const edge of item.definition.takenEdges(item.outgoing, prior.output, prior.status === 'error')) this.taken.add(edge);
    if (item.definition.role === 'exit') this.priorExits.push({ id, order: prior.executionOrder });
  }

  async run(): Promise<GraphResult> {
    const { signal } = this.scope;
    const concurrency = this.options.concurrency ?? DEFAULT_CONCURRENCY;
    const abortInternal = () => this.internal.abort(signal.reason);
    signal.addEventListener('abort', abortInternal, { once: true });
    try {
      while (!this.internal.signal.aborted) {
        while (await this.advance(concurrency)) {
          // skipping can make more blocks ready at once
        }
        if (this.running.size === 0) break;
        await Promise.race(this.running.values());
      }
      await Promise.allSettled(this.running.values());
    } finally {
      signal.removeEventListener('abort', abortInternal);
    }
    return this.result();
  }

  private isSettled(id: string): boolean {
    return this.state.get(id) === 'finished' || this.state.get(id) === 'skipped';
  }

  /** Starts what is ready and skips what can no longer run; returns whether anything changed. */
  private async advance(concurrency: number): Promise<boolean> {
    let changed = false;
    for (const item of this.prepared.values()) {
      if (this.internal.signal.aborted) break;
      if (this.state.get(item.block.id) !== 'pending') continue;
      if (!item.incoming.every((e) => this.isSettled(e.source))) continue;
      const anyTaken = item.incoming.length === 0 || item.incoming.some((e) => this.taken.has(e));
      if (!anyTaken) {
        await this.skip(item);
        changed = true;
        continue;
      }
      if (this.running.size >= concurrency) continue;
      const id = item.block.id;
      const promise = this.runBlock(item).finally(() => this.running.delete(id));
      this.running.set(id, promise);
      changed = true;
    }
    return changed;
  }

  private async skip(item: Prepared) {
    this.state.set(item.block.id, 'skipped');
    this.emit({ type: 'block_skipped', block_id: item.block.id, block_type: item.block.type });
    await this.blockFinished({
      blockId: item.block.id,
      blockType: item.block.type,
      blockName: item.block.name ?? null,
      status: 'skipped',
      input: null,
      output: null,
      error: null,
      startedAt: null,
      completedAt: new Date(),
      durationMs: null,
      executionOrder: ++this.scope.order.value,
      attempts: 0,
      usage: null,
      console: [],
    });
  }

  /** Runs one ready block through the executor with its rendered config and what flowed into it. */
  private execute(item: Prepared, config: Record<string, unknown>, secrets: Record<string, string>): Promise<BlockOutcome> {
    const { block, definition } = item;
    const { options } = this;
    const emit = (body: EngineEventBody) => this.emit(body);
    const upstream: Record<string, unknown> = Object.fromEntries(this.scope.inherited);
    for (const id of this.ancestors.get(block.id) ?? []) if (this.outputs.has(id)) upstream[id] = this.outputs.get(id);
    return executeBlock({
      definition,
      context: {
        blockId: block.id,
        blockType: block.type,
        executionId: options.executionId,
        workspaceId: options.workspaceId,
        config,
        input: options.input,
        upstream,
        secrets,
        feeders: item.incoming.filter((e) => this.taken.has(e)).map((e) => e.source),
        chunk: (text) => emit({ type: 'block_chunk', block_id: block.id, block_type: block.type, chunk: text }),
        credential: options.credential,
        describeWorkflow: options.describeWorkflow,
        runWorkflow: options.runWorkflow,
        mcpServer: options.mcpServer,
        checkModelBudget: options.checkModelBudget,
        timeoutMs: config.timeout_ms as number | undefined,
        runChildren: (variables, iteration, signal) => this.runChildren(block.id, upstream, variables, iteration, signal),
        suspend: (request) => {
          throw new Suspension(request);
        },
      },
      retry: config.retry as RetrySettings,
      executionSignal: this.internal.signal,
      onLog: (line) => emit({ type: 'block_log', block_id: block.id, block_type: block.type, level: line.level, message: line.message }),
    });
  }

  /** One iteration of a container: its inner blocks run as a scope of their own; their result is its result. */
  private async runChildren(containerId: string, upstream: Record<string, unknown>, variables: Readonly<Record<string, unknown>>, index: number, signal: AbortSignal) {
    const inherited = new Map(Object.entries({ ...upstream, ...variables }));
    const iteration = [...this.scope.iteration, index];
    const child = new GraphRun(this.options, { parentId: containerId, iteration, inherited, order: this.scope.order, signal });
    const result = await child.run();
    if (result.usage) this.usage = addUsage(this.usage, result.usage);
    if (result.status === 'completed') return result.output;
    const error = result.status === 'waiting' ? { message: 'waiting', code: 'waiting' } : result.error;
    throw new BlockError(`Iteration ${index}: ${error.message}`, error.code, false);
  }

  /** The block pauses the execution: its downstream waits; inside a loop that is a failure (nothing could resume it). */
  private suspended(item: Prepared, outcome: BlockOutcome): BlockOutcome | null {
    if (outcome.ok || !outcome.suspended) return outcome;
    if (this.scope.parentId !== null) {
      return { ...outcome, suspended: undefined, error: { message: 'A block inside a loop cannot pause the execution', code: 'wait_in_loop' } };
    }
    const { block } = item;
    this.state.set(block.id, 'waiting');
    this.waits.push({ block_id: block.id, ...outcome.suspended });
    const { message, resume_at } = outcome.suspended;
    this.emit({ type: 'block_waiting', block_id: block.id, block_type: block.type, message, resume_at });
    return null;
  }

  /** The values of the secrets a block names (the validator made sure they exist when the run started). */
  private async secretsOf(item: Prepared): Promise<Record<string, string>> {
    const values = await Promise.all(item.secretNames.map(async (name) => [name, await this.options.credential(name)] as const));
    return Object.fromEntries(values.filter((entry): entry is readonly [string, string] => entry[1] !== null));
  }

  private async runBlock(item: Prepared) {
    const { block, definition } = item;
    const emit = (body: EngineEventBody) => this.emit(body);
    const executionOrder = ++this.scope.order.value;
    this.state.set(block.id, 'running');
    emit({ type: 'block_start', block_id: block.id, block_type: block.type });
    const secrets = await this.secretsOf(item);
    const outputs = item.secretNames.length === 0 ? this.outputs : new Map([...this.outputs, [SECRETS_ROOT, secrets]]);
    const config = renderConfig(definition, item.config, outputs);
    const outcome = this.suspended(item, await this.execute(item, config, secrets));
    if (!outcome) return;
    if (outcome.usage) this.usage = addUsage(this.usage, outcome.usage);
    // A failure the block is configured to continue past flows on as `{error}`, unless the run is stopping.
    const continued = !outcome.ok && config.on_error === 'continue' && !this.internal.signal.aborted;
    const output = outcome.ok ? outcome.output : continued ? { error: outcome.error.message } : null;
    if (outcome.ok || continued) {
      this.outputs.set(block.id, output);
      for (const edge of definition.takenEdges(item.outgoing, output, !outcome.ok)) this.taken.add(edge);
      if (definition.role === 'exit') this.ranOutputs.push(block.id);
    }
    this.state.set(block.id, 'finished');
    const durationMs = Math.round(outcome.durationMs * 10) / 10;
    if (outcome.ok) {
      emit({ type: 'block_complete', block_id: block.id, block_type: block.type, data: { output }, duration_ms: durationMs });
    } else if (outcome.error.code !== 'cancelled') {
      emit({ type: 'block_error', block_id: block.id, block_type: block.type, data: { error: outcome.error }, duration_ms: durationMs });
    }
    await this.blockFinished({
      blockId: block.id,
      blockType: block.type,
      blockName: block.name ?? null,
      status: outcome.ok ? 'success' : 'error',
      input: config,
      output: outcome.ok || continued ? output : null,
      error: outcome.ok ? null : outcome.error,
      startedAt: outcome.startedAt,
      completedAt: new Date(),
      durationMs,
      executionOrder,
      attempts: outcome.attempts,
      usage: outcome.usage,
      console: outcome.console,
    });
    if (!outcome.ok && !continued && !this.internal.signal.aborted && outcome.error.code !== 'cancelled') {
      this.failure = { message: outcome.error.message, block_id: block.id, code: outcome.error.code };
      this.internal.abort({ code: 'block_failed', message: outcome.error.message });
    }
  }

  private result(): GraphResult {
    const { outputs, usage } = this;
    // Exits settled before a resume came first, in the order they ran then.
    const ranOutputs = [...this.priorExits.sort((a, b) => a.order - b.order).map((e) => e.id), ...this.ranOutputs];
    const blockOutputs = Object.fromEntries([...outputs].filter(([id]) => this.prepared.has(id)));
    if (this.failure) return { status: 'failed', output: null, error: this.failure, blockOutputs, usage };
    if (this.scope.signal.aborted) {
      const reason = stopReason(this.scope.signal);
      const error = { message: reason.message, block_id: null, code: reason.code };
      return { status: reason.code === 'cancelled' ? 'cancelled' : 'failed', output: null, error, blockOutputs, usage };
    }
    if (this.waits.length > 0) return { status: 'waiting', output: null, error: null, waits: this.waits, blockOutputs, usage };
    // An iteration results in its last blocks' outputs; the execution in its output blocks' outputs.
    const last = this.scope.parentId === null ? ranOutputs : this.sinks.filter((id) => this.state.get(id) === 'finished');
    const single = this.scope.parentId === null ? last.length === 1 : this.sinks.length === 1;
    const output = last.length === 0 ? null : single ? outputs.get(last[0]) : Object.fromEntries(last.map((id) => [id, outputs.get(id)]));
    return { status: 'completed', output: output ?? null, error: null, blockOutputs, usage };
  }
}
