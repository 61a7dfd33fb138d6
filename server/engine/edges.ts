import type { Edge } from '@/lib/graph/schema';

/**
 * The outgoing edges a finished block takes: a condition takes only the edges of the branch its result picked;
 * every other block takes all of them. A block that failed and continued takes its edges too, except a condition,
 * which picked no branch.
 */
export function takenEdges(blockType: string, outgoing: readonly Edge[], output: unknown, failed: boolean): Edge[] {
  if (blockType !== 'condition') return [...outgoing];
  if (failed) return [];
  const branch = String(Boolean((output as { result?: unknown } | null)?.result));
  return outgoing.filter((edge) => edge.sourceHandle === branch);
}
