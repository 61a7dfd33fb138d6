import dagre from '@dagrejs/dagre';
import { NODE_HEIGHT, NODE_WIDTH } from './graph';
import type { BlockNode, FlowEdge } from './types';

/**
 * Left-to-right layered layout (dagre). Condition branches keep their order: the "true" edge is laid out above the
 * "false" one. Returns nodes with new positions (top-left corners, snapped to the 16 px grid).
 */
export function layoutLeftToRight(nodes: readonly BlockNode[], edges: readonly FlowEdge[]): BlockNode[] {
  if (nodes.length === 0) return [...nodes];
  const graph = new dagre.graphlib.Graph({ multigraph: true });
  graph.setGraph({ rankdir: 'LR', nodesep: 48, ranksep: 96, marginx: 0, marginy: 0 });
  graph.setDefaultEdgeLabel(() => ({}));
  // Nodes go in depth-first from the roots, branches in handle order: dagre keeps that order within a rank, which
  // puts a condition's "true" branch above its "false" one.
  for (const node of visitOrder(nodes, edges)) {
    graph.setNode(node.id, { width: node.measured?.width ?? NODE_WIDTH, height: node.measured?.height ?? NODE_HEIGHT });
  }
  const ordered = [...edges].sort((a, b) => handleRank(a.sourceHandle) - handleRank(b.sourceHandle));
  for (const edge of ordered) {
    if (graph.hasNode(edge.source) && graph.hasNode(edge.target)) graph.setEdge(edge.source, edge.target, {}, edge.id);
  }
  // Within a rank, a condition's "true" branch goes above its "false" branch.
  const constraints: { left: string; right: string }[] = [];
  const branches = new Map<string, { true?: string; false?: string }>();
  for (const edge of edges) {
    if (edge.sourceHandle !== 'true' && edge.sourceHandle !== 'false') continue;
    const entry = branches.get(edge.source) ?? {};
    entry[edge.sourceHandle] = edge.target;
    branches.set(edge.source, entry);
  }
  for (const { true: left, false: right } of branches.values()) {
    if (left && right && left !== right) constraints.push({ left, right });
  }
  dagre.layout(graph, { constraints });
  const snap = (value: number) => Math.round(value / 16) * 16;
  return nodes.map((node) => {
    const placed = graph.node(node.id);
    if (!placed) return node;
    const width = node.measured?.width ?? NODE_WIDTH;
    const height = node.measured?.height ?? NODE_HEIGHT;
    return { ...node, position: { x: snap(placed.x - width / 2), y: snap(placed.y - height / 2) } };
  });
}

function visitOrder(nodes: readonly BlockNode[], edges: readonly FlowEdge[]): BlockNode[] {
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
    const next = [...(outgoing.get(id) ?? [])].sort((a, b) => handleRank(a.sourceHandle) - handleRank(b.sourceHandle));
    for (const edge of next) visit(edge.target);
  };
  for (const node of nodes) if (!hasIncoming.has(node.id)) visit(node.id);
  for (const node of nodes) visit(node.id);
  return order;
}

function handleRank(handle: string | null | undefined): number {
  return handle === 'true' ? 0 : handle === 'false' ? 2 : 1;
}
