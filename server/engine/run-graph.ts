import { getBlockDefinition, type AnyBlockDefinition } from '../blocks';
import type { BlockRunContext, TokenUsage } from '../blocks/run-context';
import { parseBlockConfig } from '../graph/config';
import type { Block, Edge, Graph } from '@/lib/graph/schema';
import { upstreamOf } from '@/lib/graph/topology';
import { executeBlock, type BlockOutcome, type ConsoleLine, type RetrySettings } from './block-executor';
import type { EngineEventBody, ExecutionErrorInfo } from './events';
import { renderConfig } from './render-config';

// The scheduling loop. A block becomes ready once every block feeding it has finished or been skipped; it runs
// if at least one of its incoming edges was taken and is skipped otherwise (so skips propagate). Ready blocks
// run concurrently up to a limit. A failing block with on_error "fail" aborts everything still running.

export const DEFAULT_CONCURRENCY = 8;

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
}

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
}

export interface GraphResult {
  status: 'completed' | 'failed' | 'cancelled';
  output: unknown;
  error: ExecutionErrorInfo | null;
  blockOutputs: Record<string, unknown>;
  usage: TokenUsage | null;
}

type BlockState = 'pending' | 'running' | 'finished' | 'skipped';

interface Prepared {
  block: Block;
  definition: AnyBlockDefinition;
  config: Record<string, unknown>;
  incoming: Edge[];
  outgoing: Edge[];
}

function stopReason(signal: AbortSignal): StopReason {
  const reason = signal.reason as Partial<StopReason> | undefined;
  return reason?.code === 'execution_timeout'
    ? (reason as StopReason)
    : { code: 'cancelled', message: 'The execution was cancelled' };
}

export async function runGraph(options: RunGraphOptions): Promise<GraphResult> {
  const { graph, emit } = options;
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  const ancestors = upstreamOf(graph);
  const prepared = new Map<string, Prepared>();
  for (const block of graph.blocks) {
    prepared.set(block.id, {
      block,
      definition: getBlockDefinition(block.type)!,
      config: parseBlockConfig(block),
      incoming: graph.edges.filter((e) => e.target === block.id),
      outgoing: graph.edges.filter((e) => e.source === block.id),
    });
  }

  const state = new Map<string, BlockState>(graph.blocks.map((b) => [b.id, 'pending']));
  const outputs = new Map<string, unknown>();
  const taken = new Set<Edge>();
  const running = new Map<string, Promise<void>>();
  const internal = new AbortController();
  const abortInternal = () => internal.abort(options.signal.reason);
  options.signal.addEventListener('abort', abortInternal, { once: true });
  let order = 0;
  let failure: ExecutionErrorInfo | null = null;
  let usage: TokenUsage | null = null;
  const ranOutputs: string[] = [];

  const isSettled = (id: string) => state.get(id) === 'finished' || state.get(id) === 'skipped';

  async function skip(item: Prepared) {
    state.set(item.block.id, 'skipped');
    emit({ type: 'block_skipped', block_id: item.block.id, block_type: item.block.type });
    await options.onBlockFinished({
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
      executionOrder: ++order,
      attempts: 0,
      usage: null,
      console: [],
    });
  }

  async function run(item: Prepared) {
    const { block, definition } = item;
    const executionOrder = ++order;
    state.set(block.id, 'running');
    emit({ type: 'block_start', block_id: block.id, block_type: block.type });
    const upstream: Record<string, unknown> = {};
    for (const id of ancestors.get(block.id) ?? []) if (outputs.has(id)) upstream[id] = outputs.get(id);
    const feeders = item.incoming.filter((e) => taken.has(e)).map((e) => e.source);
    const config = renderConfig(definition, item.config, outputs);
    const outcome: BlockOutcome = await executeBlock({
      definition,
      context: {
        blockId: block.id,
        blockType: block.type,
        executionId: options.executionId,
        workspaceId: options.workspaceId,
        config,
        input: options.input,
        upstream,
        feeders,
        chunk: (text) => emit({ type: 'block_chunk', block_id: block.id, block_type: block.type, chunk: text }),
        credential: options.credential,
        describeWorkflow: options.describeWorkflow,
        runWorkflow: options.runWorkflow,
        timeoutMs: config.timeout_ms as number | undefined,
      },
      retry: config.retry as RetrySettings,
      executionSignal: internal.signal,
      onLog: (line) => emit({ type: 'block_log', block_id: block.id, block_type: block.type, level: line.level, message: line.message }),
    });
    if (outcome.usage) {
      usage = {
        input_tokens: (usage?.input_tokens ?? 0) + outcome.usage.input_tokens,
        output_tokens: (usage?.output_tokens ?? 0) + outcome.usage.output_tokens,
      };
    }
    const continued = !outcome.ok && config.on_error === 'continue' && !internal.signal.aborted;
    const output = outcome.ok ? outcome.output : continued ? { error: outcome.error!.message } : null;
    if (outcome.ok || continued) {
      outputs.set(block.id, output);
      for (const edge of definition.takenEdges(item.outgoing, output, !outcome.ok)) taken.add(edge);
      if (definition.role === 'exit') ranOutputs.push(block.id);
    }
    state.set(block.id, 'finished');
    const durationMs = Math.round(outcome.durationMs * 10) / 10;
    if (outcome.ok) {
      emit({ type: 'block_complete', block_id: block.id, block_type: block.type, data: { output }, duration_ms: durationMs });
    } else if (outcome.error!.code !== 'cancelled') {
      emit({ type: 'block_error', block_id: block.id, block_type: block.type, data: { error: outcome.error! }, duration_ms: durationMs });
    }
    await options.onBlockFinished({
      blockId: block.id,
      blockType: block.type,
      blockName: block.name ?? null,
      status: outcome.ok ? 'success' : 'error',
      input: config,
      output: outcome.ok || continued ? output : null,
      error: outcome.error,
      startedAt: outcome.startedAt,
      completedAt: new Date(),
      durationMs,
      executionOrder,
      attempts: outcome.attempts,
      usage: outcome.usage,
      console: outcome.console,
    });
    if (!outcome.ok && !continued && !internal.signal.aborted && outcome.error!.code !== 'cancelled') {
      failure = { message: outcome.error!.message, block_id: block.id, code: outcome.error!.code };
      internal.abort({ code: 'block_failed', message: outcome.error!.message });
    }
  }

  /** Starts what is ready and skips what can no longer run; returns whether anything changed. */
  async function advance(): Promise<boolean> {
    let changed = false;
    for (const item of prepared.values()) {
      if (internal.signal.aborted) break;
      if (state.get(item.block.id) !== 'pending') continue;
      if (!item.incoming.every((e) => isSettled(e.source))) continue;
      const anyTaken = item.incoming.length === 0 || item.incoming.some((e) => taken.has(e));
      if (!anyTaken) {
        await skip(item);
        changed = true;
        continue;
      }
      if (running.size >= concurrency) continue;
      const id = item.block.id;
      const promise = run(item).finally(() => running.delete(id));
      running.set(id, promise);
      changed = true;
    }
    return changed;
  }

  try {
    while (!internal.signal.aborted) {
      while (await advance()) {
        // skipping can make more blocks ready at once
      }
      if (running.size === 0) break;
      await Promise.race(running.values());
    }
    await Promise.allSettled(running.values());
  } finally {
    options.signal.removeEventListener('abort', abortInternal);
  }

  const blockOutputs = Object.fromEntries(outputs);
  if (failure) return { status: 'failed', output: null, error: failure, blockOutputs, usage };
  if (options.signal.aborted) {
    const reason = stopReason(options.signal);
    return {
      status: reason.code === 'cancelled' ? 'cancelled' : 'failed',
      output: null,
      error: { message: reason.message, block_id: null, code: reason.code },
      blockOutputs,
      usage,
    };
  }
  const output =
    ranOutputs.length === 0 ? null : ranOutputs.length === 1 ? outputs.get(ranOutputs[0]) : Object.fromEntries(ranOutputs.map((id) => [id, outputs.get(id)]));
  return { status: 'completed', output: output ?? null, error: null, blockOutputs, usage };
}
