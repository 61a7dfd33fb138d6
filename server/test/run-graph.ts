import type { Graph } from '@/lib/graph/schema';
import type { EngineEventBody } from '@/server/engine/events';
import { runGraph, type BlockLogRecord, type RunGraphOptions } from '@/server/engine/run-graph';

type Overrides = Partial<Omit<RunGraphOptions, 'emit'>> & {
  /** Sees each event after it is recorded, with every event so far (to cancel mid-run, say). */
  onEvent?: (event: EngineEventBody, events: EngineEventBody[]) => void;
};

/**
 * What the engine asks of the world around it (credentials, other workflows, budgets, MCP servers), answered as if
 * there were none; a sub-workflow call fails with `reason`. For running the engine alone, in tests and benchmarks.
 */
export function nothingOutside(reason: string): Pick<RunGraphOptions, 'credential' | 'describeWorkflow' | 'checkModelBudget' | 'mcpServer' | 'runWorkflow'> {
  return {
    credential: async () => null,
    describeWorkflow: async () => null,
    checkModelBudget: async () => null,
    mcpServer: async () => null,
    runWorkflow: async () => {
      throw new Error(reason);
    },
  };
}

/**
 * Runs a graph through the real engine, blocks and sandbox, without a database: no credentials, workflows, MCP
 * servers or budget unless a test passes its own. Returns every event, every block log and the result.
 */
export async function runGraphForTest(g: Graph, input: Record<string, unknown> = {}, { onEvent, ...overrides }: Overrides = {}) {
  const events: EngineEventBody[] = [];
  const logs: BlockLogRecord[] = [];
  const result = await runGraph({
    executionId: 'exec',
    workspaceId: 'ws',
    graph: g,
    input,
    signal: new AbortController().signal,
    emit: (event) => {
      events.push(event);
      onEvent?.(event, events);
    },
    onBlockFinished: async (log) => void logs.push(log),
    ...nothingOutside('no workflows in this test'),
    ...overrides,
  });
  return { events, logs, result };
}
