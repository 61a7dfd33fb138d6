import dagre from '@dagrejs/dagre';
import { NODE_HEIGHT, NODE_WIDTH } from './graph';
import type { BlockNode, CatalogBlock, FlowEdge } from './types';

/**
 * Left-to-right layered layout (dagre). Branches keep the order of their block's handles: a condition's "true"
 * edge is laid out above its "false" one. Returns nodes with new positions (top-left corners, snapped to the 16 px
 * grid).
 */
export function layoutLeftToRight(nodes: readonly BlockNode[], edges: readonly FlowEdge[], catalog: ReadonlyMap<string, CatalogBlock>): BlockNode[] {
  if (nodes.length === 0) return [...nodes];
  const handleRank = handleRanker(nodes, catalog);
  const graph = new dagre.graphlib.Graph({ multigraph: true });
  graph.setGraph({ rankdir: 'LR', nodesep: 48, ranksep: 96, marginx: 0, marginy: 0 });
  graph.setDefaultEdgeLabel(() => ({}));
  // Nodes go in depth-first from the roots, branches in handle order: dagre keeps that order within a rank, which
  // puts a condition's "true" branch above its "false" one.
  for (const node of visitOrder(nodes, edges, handleRank)) {
    graph.setNode(node.id, { width: node.measured?.width ?? NODE_WIDTH, height: node.measured?.height ?? NODE_HEIGHT });
  }
  const ordered = [...edges].sort((a, b) => handleRank(a) - handleRank(b));
  for (const edge of ordered) {
    if (graph.hasNode(edge.source) && graph.hasNode(edge.target)) graph.setEdge(edge.source, edge.target, {}, edge.id);
  }
  dagre.layout(graph, { constraints: branchConstraints(edges, handleRank) });
  const snap = (value: number) => Math.round(value / 16) * 16;
  return nodes.map((node) => {
    const placed = graph.node(node.id);
    if (!placed) return node;
    const width = node.measured?.width ?? NODE_WIDTH;
    const height = node.measured?.height ?? NODE_HEIGHT;
    return { ...node, position: { x: snap(placed.x - width / 2), y: snap(placed.y - height / 2) } };
  });
}

/** Within a rank, the target of a block's earlier branch goes above the target of its next one. */
function branchConstraints(edges: readonly FlowEdge[], handleRank: (edge: FlowEdge) => number): { left: string; right: string }[] {
  const branches = new Map<string, Map<number, string>>();
  for (const edge of edges) {
    if (edge.sourceHandle == null) continue;
    const targets = branches.get(edge.source) ?? new Map<number, string>();
    targets.set(handleRank(edge), edge.target);
    branches.set(edge.source, targets);
  }
  const constraints: { left: string; right: string }[] = [];
  for (const targets of branches.values()) {
    const inOrder = [...targets.entries()].sort(([a], [b]) => a - b).map(([, target]) => target);
    for (let index = 1; index < inOrder.length; index++) {
      const [left, right] = [inOrder[index - 1], inOrder[index]];
      if (left !== right) constraints.push({ left, right });
    }
  }
  return constraints;
}

function visitOrder(nodes: readonly BlockNode[], edges: readonly FlowEdge[], handleRank: (edge: FlowEdge) => number): BlockNode[] {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const outgoing = new Map<string, FlowEdge[]>();
  const hasIncoming = new Set<string>();
  for (const edge of edges) {
    if (!byId.has(edge.source) || !byId.has(edge.target)) continue;
    outgoing.set(edge.source, [...(outgoing.get(edge.source) ?? []), edge]);
    hasIncoming.add(edge.target);
  }
  const seen = new Set<string>();
  const order: BlockNode[] = [];
  const visit = (id: string) => {
    if (seen.has(id)) return;
    seen.add(id);
    order.push(byId.get(id)!);
    const next = [...(outgoing.get(id) ?? [])].sort((a, b) => handleRank(a) - handleRank(b));
    for (const edge of next) visit(edge.target);
  };
  for (const node of nodes) if (!hasIncoming.has(node.id)) visit(node.id);
  for (const node of nodes) visit(node.id);
  return order;
}

/** An edge's place among its source block's handles (as the catalog lists them); unknown handles go last. */
function handleRanker(nodes: readonly BlockNode[], catalog: ReadonlyMap<string, CatalogBlock>): (edge: FlowEdge) => number {
  const typeOf = new Map(nodes.map((node) => [node.id, node.data.type]));
  return (edge) => {
    const handles = catalog.get(typeOf.get(edge.source) ?? '')?.sourceHandles ?? [];
    const index = handles.findIndex((handle) => handle.id === (edge.sourceHandle ?? null));
    return index === -1 ? handles.length : index;
  };
}
