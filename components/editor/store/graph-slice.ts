import { applyEdgeChanges, applyNodeChanges, type EdgeChange, type NodeChange, type XYPosition } from '@xyflow/react';
import {
  connectionProblem,
  edgeIdFor,
  indexProblems,
  nextBlockId,
  renameBlock,
  renameTemplateReferences,
  setAtPath,
  type ConnectionLike,
} from '../graph';
import { layoutLeftToRight } from '../layout';
import type { BlockConfig, BlockNode, CatalogBlock, FlowEdge } from '../types';
import { graphCommitter, snapshot } from './history-slice';
import { selectedIds, withoutSelection } from './selection-slice';
import type { EditorSlice } from './types';

// The graph React Flow renders (controlled): its nodes and edges and every edit of them. Each edit is one undo step
// through `graphCommitter`; selection and measured sizes from React Flow are not.

export interface GraphSlice {
  nodes: BlockNode[];
  edges: FlowEdge[];

  onNodesChange(changes: NodeChange<BlockNode>[]): void;
  onEdgesChange(changes: EdgeChange<FlowEdge>[]): void;
  canConnect(connection: ConnectionLike): string | null;
  connect(connection: ConnectionLike): void;
  addBlock(type: string, position: XYPosition): string | null;
  updateConfig(id: string, path: string, value: unknown): void;
  replaceConfig(id: string, config: Record<string, unknown>, coalesceKey?: string): void;
  updateName(id: string, name: string): void;
  renameId(from: string, to: string): void;
  deleteBlocks(ids: readonly string[]): void;
  deleteSelection(): void;
  autoLayout(): void;
}

const isHarmless = (change: { type: string }) => change.type === 'select' || change.type === 'dimensions';

function pointReferences(config: BlockConfig, from: string, to: string): BlockConfig {
  return renameTemplateReferences(config, from, to) as BlockConfig;
}

/** A new block's config: its type's defaults, with `{{input.…}}` pointed at the workflow's input block, whatever its id. */
function defaultConfigFor(definition: CatalogBlock, nodes: readonly BlockNode[]): BlockConfig {
  const config = structuredClone(definition.defaultConfig) as BlockConfig;
  const inputBlock = nodes.find((node) => node.data.type === 'input');
  const hasInputId = nodes.some((node) => node.id === 'input');
  return !hasInputId && definition.type !== 'input' && inputBlock ? pointReferences(config, 'input', inputBlock.id) : config;
}

/** The first input block: blocks added before it that say `{{input.…}}` now mean it. */
function pointInputReferencesAt(id: string, nodes: BlockNode[]): BlockNode[] {
  return nodes.map((node) => {
    const config = pointReferences(node.data.config, 'input', id);
    return JSON.stringify(config) === JSON.stringify(node.data.config) ? node : { ...node, data: { ...node.data, config } };
  });
}

export const createGraphSlice: EditorSlice<GraphSlice> = (set, get) => {
  const commit = graphCommitter(set, get);

  function updateNode(id: string, change: (node: BlockNode) => BlockNode, coalesceKey: string) {
    commit((state) => {
      const index = state.nodes.findIndex((node) => node.id === id);
      if (index < 0) return null;
      const nodes = [...state.nodes];
      nodes[index] = change(nodes[index]);
      return { nodes };
    }, coalesceKey);
  }

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

    addBlock(type, position) {
      const state = get();
      const definition = state.catalog.get(type);
      if (state.readOnly || !definition) return null;
      const id = nextBlockId(type, state.nodes.map((node) => node.id));
      const node: BlockNode = { id, type: 'block', position, selected: true, data: { type, name: null, config: defaultConfigFor(definition, state.nodes) } };
      const firstInput = type === 'input' && !state.nodes.some((other) => other.id === 'input' || other.data.type === 'input');
      commit((current) => {
        const nodes = withoutSelection(current.nodes);
        return { nodes: [...(firstInput ? pointInputReferencesAt(id, nodes) : nodes), node], edges: withoutSelection(current.edges) };
      });
      return id;
    },

    updateConfig(id, path, value) {
      updateNode(id, (node) => ({ ...node, data: { ...node.data, config: setAtPath(node.data.config, path, value) } }), `config:${id}:${path}`);
    },

    replaceConfig(id, config, coalesceKey) {
      updateNode(id, (node) => ({ ...node, data: { ...node.data, config } }), coalesceKey ?? `config:${id}:*`);
    },

    updateName(id, name) {
      updateNode(id, (node) => ({ ...node, data: { ...node.data, name: name.trim() === '' ? null : name } }), `name:${id}`);
    },

    renameId(from, to) {
      if (from === to) return;
      commit((state) => {
        if (!state.nodes.some((node) => node.id === from) || state.nodes.some((node) => node.id === to)) return null;
        return renameBlock(snapshot(state), from, to, state.catalog);
      });
      // Problems about the old id are stale now; the next save brings the new list.
      const state = get();
      set({ problemIndex: indexProblems(state.problems.filter((problem) => problem.block_id !== from), state.edges) });
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
      commit((state) => (state.nodes.length ? { nodes: layoutLeftToRight(state.nodes, state.edges) } : null));
    },
  };
};
