import { applyEdgeChanges, applyNodeChanges, type EdgeChange, type NodeChange } from '@xyflow/react';
import { connectionProblem, edgeIdFor, type ConnectionLike } from '../graph';
import { layoutLeftToRight } from '../layout';
import type { BlockNode, FlowEdge } from '../types';
import { graphCommitter } from './history-slice';
import { selectedIds, withoutSelection } from './selection-slice';
import type { EditorSlice } from './types';

// The graph React Flow renders (controlled): its nodes and edges, the changes React Flow reports (moves, removals),
// connections, deletions and the auto-layout. Each edit is one undo step through `graphCommitter`; selection and
// measured sizes from React Flow are not. Edits of one block's content are in block-slice.ts.

export interface GraphSlice {
  nodes: BlockNode[];
  edges: FlowEdge[];

  onNodesChange(changes: NodeChange<BlockNode>[]): void;
  onEdgesChange(changes: EdgeChange<FlowEdge>[]): void;
  canConnect(connection: ConnectionLike): string | null;
  connect(connection: ConnectionLike): void;
  deleteBlocks(ids: readonly string[]): void;
  deleteSelection(): void;
  autoLayout(): void;
}

const isHarmless = (change: { type: string }) => change.type === 'select' || change.type === 'dimensions';

export const createGraphSlice: EditorSlice<GraphSlice> = (set, get) => {
  const commit = graphCommitter(set, get);

  function removeBlocksAndEdges(blocks: ReadonlySet<string>, edges: ReadonlySet<string> = new Set()) {
    commit((state) => ({
      nodes: state.nodes.filter((node) => !blocks.has(node.id)),
      edges: state.edges.filter((edge) => !edges.has(edge.id) && !blocks.has(edge.source) && !blocks.has(edge.target)),
    }));
  }

  return {
    nodes: [],
    edges: [],

    onNodesChange(changes) {
      const state = get();
      const structural = changes.filter((change) => !isHarmless(change));
      if (structural.length === 0) {
        set({ nodes: applyNodeChanges(changes, state.nodes) });
        return;
      }
      if (state.readOnly) {
        const harmless = changes.filter(isHarmless);
        if (harmless.length) set({ nodes: applyNodeChanges(harmless, state.nodes) });
        return;
      }
      const onlyPositions = structural.every((change) => change.type === 'position');
      if (onlyPositions && state.dragging) {
        // The undo step was taken when the drag began; the positions during it are not steps of their own.
        set({ nodes: applyNodeChanges(changes, state.nodes), revision: state.revision + 1 });
        return;
      }
      const removed = new Set(structural.flatMap((change) => (change.type === 'remove' ? [change.id] : [])));
      commit(
        (current) => ({
          nodes: applyNodeChanges(changes, current.nodes),
          edges: removed.size ? current.edges.filter((edge) => !removed.has(edge.source) && !removed.has(edge.target)) : current.edges,
        }),
        onlyPositions ? 'keyboard-move' : undefined,
      );
    },

    onEdgesChange(changes) {
      const state = get();
      const structural = changes.filter((change) => change.type !== 'select');
      if (structural.length === 0 || state.readOnly) {
        const harmless = changes.filter((change) => change.type === 'select');
        if (harmless.length) set({ edges: applyEdgeChanges(harmless, state.edges) });
        return;
      }
      commit((current) => ({ edges: applyEdgeChanges(changes, current.edges) }));
    },

    canConnect(connection) {
      const state = get();
      if (state.readOnly) return 'This workflow is read-only';
      return connectionProblem(connection, state.nodes, state.edges, state.catalog);
    },

    connect(connection) {
      const problem = get().canConnect(connection);
      if (problem) {
        get().notify(problem, 'error');
        return;
      }
      const source = connection.source!;
      const target = connection.target!;
      const sourceHandle = connection.sourceHandle ?? null;
      const targetHandle = connection.targetHandle ?? null;
      const edge: FlowEdge = { id: edgeIdFor(source, sourceHandle, target, targetHandle), type: 'flow', source, target, sourceHandle, targetHandle };
      commit((state) => ({ edges: [...withoutSelection(state.edges), edge] }));
    },

    deleteBlocks(ids) {
      if (ids.length > 0) removeBlocksAndEdges(new Set(ids));
    },

    deleteSelection() {
      const state = get();
      const blocks = selectedIds(state.nodes);
      const edges = selectedIds(state.edges);
      if (blocks.size > 0 || edges.size > 0) removeBlocksAndEdges(blocks, edges);
    },

    autoLayout() {
      commit((state) => (state.nodes.length ? { nodes: layoutLeftToRight(state.nodes, state.edges, state.catalog) } : null));
    },
  };
};
