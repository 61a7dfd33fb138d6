/**
 * Graph algorithms over blocks and edges, shared by the validator and the engine. They only look at block ids and
 * edge endpoints: edges whose source or target is not a block are ignored, parallel edges count once, and every
 * result lists blocks in the order of `graph.blocks` where there is a choice, so results are stable.
 */

export interface TopologyGraph {
  blocks: readonly { id: string }[];
  edges: readonly { source: string; target: string }[];
}

export interface Adjacency {
  /** Distinct block ids in block order. */
  ids: string[];
  /** Block id → its position in `ids`. */
  index: Map<string, number>;
  /** Block id → the blocks its edges lead to (distinct, in block order). */
  successors: Map<string, string[]>;
  /** Block id → the blocks with an edge into it (distinct, in block order). */
  predecessors: Map<string, string[]>;
}

export function buildAdjacency(graph: TopologyGraph): Adjacency {
  const ids: string[] = [];
  const index = new Map<string, number>();
  for (const { id } of graph.blocks) {
    if (!index.has(id)) {
      index.set(id, ids.length);
      ids.push(id);
    }
  }
  const successorSets = new Map(ids.map((id) => [id, new Set<string>()]));
  const predecessorSets = new Map(ids.map((id) => [id, new Set<string>()]));
  for (const { source, target } of graph.edges) {
    if (!index.has(source) || !index.has(target)) continue;
    successorSets.get(source)!.add(target);
    predecessorSets.get(target)!.add(source);
  }
  const inBlockOrder = (set: Set<string>) => [...set].sort((a, b) => index.get(a)! - index.get(b)!);
  return {
    ids,
    index,
    successors: new Map(ids.map((id) => [id, inBlockOrder(successorSets.get(id)!)])),
    predecessors: new Map(ids.map((id) => [id, inBlockOrder(predecessorSets.get(id)!)])),
  };
}

/**
 * Kahn's algorithm, taking the earliest block (in block order) among those ready. `order` holds every block not on
 * or behind a cycle; `remaining` the others, in block order.
 */
function kahn(adjacency: Adjacency): { order: string[]; remaining: string[] } {
  const { ids, index, successors, predecessors } = adjacency;
  const inDegree = new Map(ids.map((id) => [id, predecessors.get(id)!.length]));
  const ready = new MinHeap();
  for (const id of ids) if (inDegree.get(id) === 0) ready.push(index.get(id)!);
  const order: string[] = [];
  while (ready.size > 0) {
    const id = ids[ready.pop()];
    order.push(id);
    for (const next of successors.get(id)!) {
      const degree = inDegree.get(next)! - 1;
      inDegree.set(next, degree);
      if (degree === 0) ready.push(index.get(next)!);
    }
  }
  const placed = new Set(order);
  return { order, remaining: ids.filter((id) => !placed.has(id)) };
}

/**
 * The blocks in an order where every block comes after all of its upstream blocks; among blocks that could go
 * next, the one listed first in `graph.blocks` does. Throws when the graph has a cycle.
 */
export function topologicalSort(graph: TopologyGraph): string[] {
  const { order, remaining } = kahn(buildAdjacency(graph));
  if (remaining.length > 0) {
    throw new Error(`The graph has a cycle through ${remaining.map((id) => `"${id}"`).join(', ')}`);
  }
  return order;
}

/** Whether the graph has no cycle (a self-loop is a cycle). */
export function isAcyclic(graph: TopologyGraph): boolean {
  return kahn(buildAdjacency(graph)).remaining.length === 0;
}

export interface Cycle {
  /** A closed path through the loop, starting at its earliest block; the edge back to `path[0]` is implied. */
  path: string[];
  /** Every block of the loop (its strongly connected component), in block order. */
  blocks: string[];
}

/**
 * One entry per loop: each strongly connected component with more than one block, or a block with an edge to
 * itself. Ordered by their earliest block.
 */
export function findCycles(graph: TopologyGraph): Cycle[] {
  const adjacency = buildAdjacency(graph);
  const cycles: Cycle[] = [];
  for (const component of stronglyConnectedComponents(adjacency)) {
    const [start] = component;
    const isLoop = component.length > 1 || adjacency.successors.get(start)!.includes(start);
    if (isLoop) cycles.push({ path: shortestCycleThrough(adjacency, start, new Set(component)), blocks: component });
  }
  return cycles.sort((a, b) => adjacency.index.get(a.blocks[0])! - adjacency.index.get(b.blocks[0])!);
}

/** Tarjan's algorithm without recursion (a 1,000-block chain must not overflow the stack). Members in block order. */
function stronglyConnectedComponents(adjacency: Adjacency): string[][] {
  const { ids, index: position, successors } = adjacency;
  const index = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;

  for (const root of ids) {
    if (index.has(root)) continue;
    const frames: { id: string; next: number }[] = [{ id: root, next: 0 }];
    index.set(root, counter);
    lowLink.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (frames.length > 0) {
      const frame = frames.at(-1)!;
      const targets = successors.get(frame.id)!;
      if (frame.next < targets.length) {
        const target = targets[frame.next++];
        if (!index.has(target)) {
          index.set(target, counter);
          lowLink.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          frames.push({ id: target, next: 0 });
        } else if (onStack.has(target)) {
          lowLink.set(frame.id, Math.min(lowLink.get(frame.id)!, index.get(target)!));
        }
        continue;
      }
      frames.pop();
      const parent = frames.at(-1);
      if (parent) lowLink.set(parent.id, Math.min(lowLink.get(parent.id)!, lowLink.get(frame.id)!));
      if (lowLink.get(frame.id) === index.get(frame.id)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.id);
        components.push(component.sort((a, b) => position.get(a)! - position.get(b)!));
      }
    }
  }
  return components;
}

/** Breadth-first search from `start` back to itself inside its component. */
function shortestCycleThrough(adjacency: Adjacency, start: string, component: Set<string>): string[] {
  const previous = new Map<string, string>();
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const id = queue[head];
    for (const next of adjacency.successors.get(id)!) {
      if (!component.has(next)) continue;
      if (next === start) {
        const path = [id];
        while (path[0] !== start) path.unshift(previous.get(path[0])!);
        return path;
      }
      if (!previous.has(next)) {
        previous.set(next, id);
        queue.push(next);
      }
    }
  }
  return [start]; // unreachable for a real component
}

/**
 * Block id → the blocks upstream of it (its ancestors: every block with a path of edges to it), for every block.
 * A block on a cycle is its own ancestor.
 */
export function upstreamOf(graph: TopologyGraph): Map<string, Set<string>> {
  const adjacency = buildAdjacency(graph);
  const { order, remaining } = kahn(adjacency);
  const upstream = new Map<string, Set<string>>();
  // Acyclic part: a block's ancestors are its parents and their ancestors, all computed before it.
  for (const id of order) {
    const ancestors = new Set<string>();
    for (const parent of adjacency.predecessors.get(id)!) {
      ancestors.add(parent);
      for (const ancestor of upstream.get(parent)!) ancestors.add(ancestor);
    }
    upstream.set(id, ancestors);
  }
  // Blocks on or behind a cycle: walk backwards.
  for (const id of remaining) upstream.set(id, walk(adjacency.predecessors, [id], false));
  return sortSets(upstream, adjacency);
}

/** Every block with a path of edges to `id`, not including itself (unless it is on a cycle). */
export function upstreamOfBlock(graph: TopologyGraph, id: string): Set<string> {
  const adjacency = buildAdjacency(graph);
  return adjacency.index.has(id) ? walk(adjacency.predecessors, [id], false) : new Set();
}

/** Every block reachable from `starts` by following edges, the starts included. */
export function reachableFrom(graph: TopologyGraph, starts: Iterable<string>): Set<string> {
  const adjacency = buildAdjacency(graph);
  const known = [...starts].filter((id) => adjacency.index.has(id));
  return walk(adjacency.successors, known, true);
}

function walk(neighbours: Map<string, string[]>, starts: string[], includeStarts: boolean): Set<string> {
  const seen = new Set<string>(includeStarts ? starts : []);
  const queue = [...starts];
  for (let head = 0; head < queue.length; head++) {
    for (const next of neighbours.get(queue[head]) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return seen;
}

function sortSets(sets: Map<string, Set<string>>, adjacency: Adjacency): Map<string, Set<string>> {
  const byPosition = (a: string, b: string) => adjacency.index.get(a)! - adjacency.index.get(b)!;
  return new Map(adjacency.ids.map((id) => [id, new Set([...sets.get(id)!].sort(byPosition))]));
}

/** A binary min-heap of numbers. */
class MinHeap {
  private readonly items: number[] = [];

  get size(): number {
    return this.items.length;
  }

  push(value: number): void {
    const items = this.items;
    items.push(value);
    let child = items.length - 1;
    while (child > 0) {
      const parent = (child - 1) >> 1;
      if (items[parent] <= items[child]) break;
      [items[parent], items[child]] = [items[child], items[parent]];
      child = parent;
    }
  }

  pop(): number {
    const items = this.items;
    const top = items[0];
    const last = items.pop()!;
    if (items.length > 0) {
      items[0] = last;
      let parent = 0;
      for (;;) {
        const left = parent * 2 + 1;
        const right = left + 1;
        let smallest = parent;
        if (left < items.length && items[left] < items[smallest]) smallest = left;
        if (right < items.length && items[right] < items[smallest]) smallest = right;
        if (smallest === parent) break;
        [items[parent], items[smallest]] = [items[smallest], items[parent]];
        parent = smallest;
      }
    }
    return top;
  }
}
