import type { BlockRunState, ConsoleLine, RunState } from '@/components/run-events/run-state';
import type { BlockStatus } from '@/components/run-events/block-statuses';
import type { BlockLog, CatalogBlock, ExecutionDetail, RanBlock, RanGraph } from './types';

// One picture of every block of an execution, merged from three sources: the graph that ran (which blocks exist),
// the block logs (the record of each block that finished), and the live stream (what is happening right now).
// Times are milliseconds from the execution's start, so the timeline can put parallel branches side by side.

export interface BlockView {
  id: string;
  type: string;
  /** The block's display name (its id when it has none). */
  name: string;
  /** The block type's label from the catalog ("Code"). */
  typeLabel: string;
  icon: string;
  category: string | undefined;
  status: BlockStatus;
  log: BlockLog | null;
  live: BlockRunState | null;
  startMs: number | null;
  endMs: number | null;
  /** Still running: `endMs` is "now" and moves on. */
  running: boolean;
  /** The data that came in: the outputs of the blocks feeding this one, by block id (null when none had one). */
  received: Record<string, unknown> | null;
  durationMs: number | null;
  console: ConsoleLine[];
  order: number;
  /** Inside a loop: the block log of each iteration, in iteration order (`log` is the last one). */
  iterations: BlockLog[];
}

export interface RunModel {
  blocks: BlockView[];
  byId: Map<string, BlockView>;
  /** Wall-clock start of the execution (ms since the epoch). */
  startedAt: number;
  /** The timeline's length in ms. */
  totalMs: number;
}

function logStatus(log: BlockLog): BlockStatus {
  if (log.status === 'success') return 'success';
  if (log.status === 'skipped') return 'skipped';
  return log.error?.code === 'cancelled' ? 'cancelled' : 'error';
}

function liveStatus(live: BlockRunState, ended: boolean): BlockStatus {
  if (live.status === 'running') return ended ? 'cancelled' : 'running';
  if (live.status === 'error') return live.error?.code === 'cancelled' ? 'cancelled' : 'error';
  return live.status;
}

/** The blocks of the graph, plus any the logs or the stream know of that the graph does not (an older record). */
function allBlocks(graph: RanGraph | null, logs: BlockLog[], live: RunState): RanBlock[] {
  const blocks: RanBlock[] = [...(graph?.blocks ?? [])];
  const known = new Set(blocks.map((block) => block.id));
  for (const log of logs) {
    if (!known.has(log.block_id)) {
      known.add(log.block_id);
      blocks.push({ id: log.block_id, type: log.block_type, name: log.block_name });
    }
  }
  for (const [id, block] of Object.entries(live.blocks)) {
    if (!known.has(id)) {
      known.add(id);
      blocks.push({ id, type: block.type ?? 'unknown' });
    }
  }
  return blocks;
}

export function buildRunModel(options: {
  execution: Pick<ExecutionDetail, 'started_at' | 'created_at' | 'duration_ms' | 'status' | 'completed_at'>;
  graph: RanGraph | null;
  logs: BlockLog[];
  live: RunState;
  catalog: Map<string, CatalogBlock>;
  /** Whether the execution has ended (from the record or the stream). */
  ended: boolean;
  now: number;
}): RunModel {
  const { execution, graph, logs, live, catalog, ended, now } = options;
  const startedAt = Date.parse(execution.started_at ?? execution.created_at);
  const logsById = new Map(logs.map((log) => [log.block_id, log]));
  const iterationsById = new Map<string, BlockLog[]>();
  for (const log of logs) if (log.iteration) iterationsById.set(log.block_id, [...(iterationsById.get(log.block_id) ?? []), log]);
  const upstream = new Map<string, string[]>();
  for (const edge of graph?.edges ?? []) upstream.set(edge.target, [...(upstream.get(edge.target) ?? []), edge.source]);

  const at = (iso: string | null) => (iso ? Date.parse(iso) - startedAt : null);
  const finishedAt = new Map<string, number>();
  for (const log of logs) {
    const start = at(log.started_at);
    const end = at(log.completed_at) ?? (start !== null && log.duration_ms !== null ? start + log.duration_ms : null);
    if (end !== null && log.status !== 'skipped') finishedAt.set(log.block_id, end);
  }
  // A block starts once everything upstream has finished (API.md's join rule): the best guess of when a block the
  // logs do not have yet began.
  const estimatedStart = (id: string) => Math.max(0, ...(upstream.get(id) ?? []).map((source) => finishedAt.get(source) ?? 0));
  const nowMs = Math.max(0, now - startedAt);
  const receivedBy = (id: string) => {
    const feeders = (upstream.get(id) ?? []).filter((source) => logsById.get(source)?.output != null);
    return feeders.length === 0 ? null : Object.fromEntries(feeders.map((source) => [source, logsById.get(source)!.output]));
  };

  const logCount = logs.length;
  const blocks = allBlocks(graph, logs, live).map((block, graphIndex): BlockView => {
    const definition = catalog.get(block.type);
    const log = logsById.get(block.id) ?? null;
    const liveBlock = live.blocks[block.id] ?? null;
    let status: BlockStatus;
    let startMs: number | null = null;
    let endMs: number | null = null;
    let running = false;
    let durationMs: number | null = null;
    let order: number;
    if (log) {
      status = logStatus(log);
      startMs = at(log.started_at);
      endMs = at(log.completed_at);
      durationMs = log.duration_ms;
      if (startMs !== null && durationMs !== null) endMs = startMs + durationMs;
      if (startMs === null) endMs = null;
      order = log.execution_order;
    } else if (liveBlock) {
      status = liveStatus(liveBlock, ended);
      order = logCount + 1 + live.order.indexOf(block.id);
      if (status !== 'skipped') {
        startMs = estimatedStart(block.id);
        if (liveBlock.durationMs !== undefined) {
          durationMs = liveBlock.durationMs;
          endMs = startMs + liveBlock.durationMs;
        } else if (!ended) {
          running = true;
          endMs = Math.max(startMs, nowMs);
          durationMs = endMs - startMs;
        }
      }
    } else {
      status = ended ? 'not_reached' : 'pending';
      order = 100_000 + graphIndex;
    }
    return {
      id: block.id,
      type: block.type,
      name: block.name || log?.block_name || block.id,
      typeLabel: definition?.label ?? block.type,
      icon: definition?.icon ?? 'box',
      category: definition?.category,
      status,
      log,
      live: liveBlock,
      startMs,
      endMs,
      running,
      durationMs,
      console: log ? log.console : (liveBlock?.console ?? []),
      order,
      received: receivedBy(block.id),
      iterations: (iterationsById.get(block.id) ?? []).sort((a, b) => iterationLabel(a).localeCompare(iterationLabel(b), undefined, { numeric: true })),
    };
  });
  blocks.sort((a, b) => a.order - b.order);

  const ends = blocks.map((block) => block.endMs ?? 0);
  const totalMs = Math.max(1, execution.duration_ms ?? 0, ...ends, ended ? 0 : nowMs);
  return { blocks, byId: new Map(blocks.map((block) => [block.id, block])), startedAt, totalMs };
}

/** An iteration's path as people read it: `2`, or `1.0` inside nested loops. */
export function iterationLabel(log: BlockLog): string {
  return (log.iteration ?? []).join('.');
}

/** The block as one iteration of it ran: that iteration's log, times, status and console. */
export function iterationView(block: BlockView, log: BlockLog, startedAt: number): BlockView {
  const startMs = log.started_at ? Date.parse(log.started_at) - startedAt : null;
  const endMs = startMs !== null && log.duration_ms !== null ? startMs + log.duration_ms : null;
  return { ...block, status: logStatus(log), log, live: null, running: false, startMs, endMs, durationMs: log.duration_ms, console: log.console };
}

/** The model of an LLM or agent block's output, when it says. */
export function outputModel(output: unknown): string | null {
  if (output && typeof output === 'object' && !Array.isArray(output)) {
    const model = (output as { model?: unknown }).model;
    if (typeof model === 'string') return model;
  }
  return null;
}

export interface AgentStep {
  step: number;
  text: string;
  finish_reason?: string;
  tool_calls: { id: string; tool: string; arguments: unknown }[];
  tool_results: ({ id: string; tool: string; output: unknown } | { id: string; tool: string; error: string })[];
  usage?: { input_tokens: number; output_tokens: number };
}

/** An agent block's `output.steps`, read defensively (it is whatever the block stored). */
export function agentSteps(output: unknown): AgentStep[] {
  if (!output || typeof output !== 'object' || Array.isArray(output)) return [];
  const steps = (output as { steps?: unknown }).steps;
  if (!Array.isArray(steps)) return [];
  return steps
    .filter((step): step is Record<string, unknown> => Boolean(step) && typeof step === 'object')
    .map((step, index) => ({
      step: typeof step.step === 'number' ? step.step : index + 1,
      text: typeof step.text === 'string' ? step.text : '',
      finish_reason: typeof step.finish_reason === 'string' ? step.finish_reason : undefined,
      tool_calls: Array.isArray(step.tool_calls) ? (step.tool_calls as AgentStep['tool_calls']) : [],
      tool_results: Array.isArray(step.tool_results) ? (step.tool_results as AgentStep['tool_results']) : [],
      usage: step.usage as AgentStep['usage'],
    }));
}
