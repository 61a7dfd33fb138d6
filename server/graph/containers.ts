import { getBlockDefinition } from '@/server/blocks';
import { parseWith } from './config';
import type { GraphProblem } from './problems';
import { edgeLabel, type Block, type Edge } from '@/lib/graph/schema';

// Blocks inside containers (a loop's body): `parent_id` names a container block, edges stay within one parent,
// and the blocks inside see the container's variable (`loop`) and what is upstream of the container.

const problem = (block_id: string | null, edge: string | null, field: string | null, message: string): GraphProblem => ({ block_id, edge, field, message });

/** The containers around a block, innermost first; stops at a missing or non-container parent, or a parent loop. */
export function containersOf(block: Block, blocksById: ReadonlyMap<string, Block>): Block[] {
  const chain: Block[] = [];
  let parentId = block.parent_id ?? null;
  while (parentId !== null) {
    const parent = blocksById.get(parentId);
    if (!parent || parent === block || chain.includes(parent) || !getBlockDefinition(parent.type)?.container) break;
    chain.push(parent);
    parentId = parent.parent_id ?? null;
  }
  return chain;
}

/** Problems of where blocks sit: parents that are not containers, input/output blocks inside one, edges across. */
export function containerProblems(blocks: readonly Block[], edges: readonly Edge[], blocksById: ReadonlyMap<string, Block>): GraphProblem[] {
  const problems: GraphProblem[] = [];
  for (const block of blocks) {
    const parentId = block.parent_id ?? null;
    if (parentId === null) continue;
    const parent = blocksById.get(parentId);
    if (!parent) {
      problems.push(problem(block.id, null, 'parent_id', `Block "${block.id}" sits inside block "${parentId}", which does not exist`));
    } else if (!getBlockDefinition(parent.type)?.container) {
      problems.push(problem(block.id, null, 'parent_id', `Block "${block.id}" sits inside "${parentId}", but ${parent.type} blocks cannot hold other blocks`));
    } else if (containersOf(block, blocksById).length === 0 || parentChainLoops(block, blocksById)) {
      problems.push(problem(block.id, null, 'parent_id', `Block "${block.id}" sits inside itself (through "${parentId}")`));
    }
    const role = getBlockDefinition(block.type)?.role;
    if (role === 'entry' || role === 'exit') {
      problems.push(problem(block.id, null, 'parent_id', `The ${block.type} block "${block.id}" must sit at the top level, not inside "${parentId}"`));
    }
    const why = pausesWhy(block);
    if (why) {
      problems.push(
        problem(block.id, null, 'parent_id', `The ${block.type} block "${block.id}" cannot sit inside "${parentId}": ${why}, and one iteration of a loop cannot pause while the others run on. Move it out of the loop`),
      );
    }
  }
  for (const edge of edges) {
    const source = blocksById.get(edge.source);
    const target = blocksById.get(edge.target);
    if (!source || !target || (source.parent_id ?? null) === (target.parent_id ?? null)) continue;
    const where = (block: Block) => (block.parent_id ? `inside "${block.parent_id}"` : 'at the top level');
    problems.push(
      problem(null, edgeLabel(edge), null, `Edge ${edgeLabel(edge)} connects "${source.id}" (${where(source)}) to "${target.id}" (${where(target)}); edges connect blocks of the same parent only`),
    );
  }
  return problems;
}

function parentChainLoops(block: Block, blocksById: ReadonlyMap<string, Block>): boolean {
  const seen = new Set<string>([block.id]);
  let parentId = block.parent_id ?? null;
  while (parentId !== null) {
    if (seen.has(parentId)) return true;
    seen.add(parentId);
    parentId = blocksById.get(parentId)?.parent_id ?? null;
  }
  return false;
}

/** Why the block may pause the execution, from its type's spec and its config (a config with problems: not judged here). */
function pausesWhy(block: Block): string | null {
  const definition = getBlockDefinition(block.type);
  if (!definition?.pauses) return null;
  const parsed = parseWith(definition, block);
  return parsed.success ? definition.pauses(parsed.config) : null;
}
