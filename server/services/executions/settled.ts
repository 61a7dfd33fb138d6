import type { Graph } from '@/lib/graph/schema';
import type { ExecutionRecorder } from '../../engine/recorder';
import type { PriorBlock } from '../../engine/run-graph';

// Blocks a partial run starts with as already settled (a pinned output, an output reused from an earlier run, typed
// sample data): recorded as block logs with a note saying where the output came from, announced as finished, and
// then handed to the engine as the prior attempt it does not run again (the resume primitive).

/** A block given as settled, and why (shown in its console). */
export interface SettledBlock {
  status: 'success' | 'skipped';
  output: unknown;
  note: string;
}

export async function recordSettled(recorder: ExecutionRecorder, graph: Graph, settled: Record<string, SettledBlock>): Promise<Map<string, PriorBlock>> {
  const prior = new Map<string, PriorBlock>();
  let executionOrder = 0;
  for (const block of graph.blocks) {
    const given = settled[block.id];
    if (!given) continue;
    const at = new Date();
    executionOrder++;
    const output = given.status === 'success' ? given.output : null;
    recorder.emit(
      given.status === 'success'
        ? { type: 'block_complete', block_id: block.id, block_type: block.type, data: { output }, duration_ms: 0 }
        : { type: 'block_skipped', block_id: block.id, block_type: block.type },
    );
    await recorder.blockFinished({
      blockId: block.id,
      blockType: block.type,
      blockName: block.name ?? null,
      status: given.status,
      input: null,
      output,
      error: null,
      startedAt: at,
      completedAt: at,
      durationMs: 0,
      executionOrder,
      iteration: [],
      attempts: 0,
      usage: null,
      console: [{ level: 'info', message: given.note, at: at.toISOString() }],
    }, 0);
    prior.set(block.id, { status: given.status, output, executionOrder, usage: null });
  }
  return prior;
}
