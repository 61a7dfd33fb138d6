import type { XYPosition } from '@xyflow/react';
import { canvasPosition, connectionProblem, edgeIdFor, entryNode, indexProblems, NODE_WIDTH, nextBlockId, placementAt, renameBlock, renameTemplateReferences, setAtPath } from '../graph';
import type { BlockConfig, BlockNode, CatalogBlock, FlowEdge } from '../types';
import { graphCommitter, snapshot } from './history-slice';
import { withoutSelection } from './selection-slice';
import type { EditorSlice } from './types';

// Adding a block and editing one: its config, name and id. Typing in one field folds into one undo step (the
// coalesce key names the field); renaming an id rewrites what refers to it.

/** An output a new block is to follow: a block and which of its source handles. */
export interface OutputRef {
  id: string;
  sourceHandle: string | null;
}

export interface BlockSlice {
  /** Adds a block at a canvas position; dropped on a loop, it goes inside it. */
  addBlock(type: string, position: XYPosition): string | null;
  /**
   * Adds a block to the right of an output and connects it, in one undo step (n8n's "+"); when the new block
   * cannot take that edge it is only placed there.
   */
  addBlockAfter(type: string, from: OutputRef): string | null;
  /** The output the palette's next pick follows ("+" on a handle), until a block is picked or it is cancelled. */
  insertAfter: OutputRef | null;
  setInsertAfter(from: OutputRef | null): void;
  /** After a drag: an unconnected block dropped on a loop goes inside it, one dragged off its loop comes out. */
  placeInContainer(id: string): void;
  updateConfig(id: string, path: string, value: unknown): void;
  replaceConfig(id: string, config: Record<string, unknown>, coalesceKey?: string): void;
  updateName(id: string, name: string): void;
  renameId(from: string, to: string): void;
}

function pointReferences(config: BlockConfig, from: string, to: string): BlockConfig {
  return renameTemplateReferences(config, from, to) as BlockConfig;
}

/** A new block's config: its type's defaults, with `{{input.…}}` pointed at the workflow's input block, whatever its id. */
function defaultConfigFor(definition: CatalogBlock, nodes: readonly BlockNode[], catalog: ReadonlyMap<string, CatalogBlock>): BlockConfig {
  const config = structuredClone(definition.defaultConfig) as BlockConfig;
  const inputBlock = entryNode(nodes, catalog);
  const hasInputId = nodes.some((node) => node.id === 'input');
  return !hasInputId && definition.role !== 'entry' && inputBlock ? pointReferences(config, 'input', inputBlock.id) : config;
}

/** The first input block: blocks added before it that say `{{input.…}}` now mean it. */
function pointInputReferencesAt(id: string, nodes: BlockNode[]): BlockNode[] {
  return nodes.map((node) => {
    const config = pointReferences(node.data.config, 'input', id);
    return JSON.stringify(config) === JSON.stringify(node.data.config) ? node : { ...node, data: { ...node.data, config } };
  });
}

const GAP_X = 96;
const STEP_Y = 128;

/** Right of `source`, one row down per edge it already has, then further down past any block in the way. */
function freeSpotRightOf(source: BlockNode, nodes: readonly BlockNode[], siblings: number): XYPosition {
  const x = source.position.x + NODE_WIDTH + GAP_X;
  let y = source.position.y + siblings * STEP_Y;
  const taken = (top: number) => nodes.some((node) => Math.abs(node.position.x - x) < NODE_WIDTH && Math.abs(node.position.y - top) < STEP_Y - 16);
  for (let step = 0; step < 50 && taken(y); step++) y += STEP_Y;
  return { x, y };
}

export const createBlockSlice: EditorSlice<BlockSlice> = (set, get) => {
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

  /** A new block of `type` at `position`, selected, and the nodes with it (a first input block takes `{{input…}}`). */
  function placeBlock(type: string, at: XYPosition | { parentId: string | undefined; position: XYPosition }): { id: string; withIt: (nodes: BlockNode[]) => BlockNode[] } | null {
    const state = get();
    const definition = state.catalog.get(type);
    if (state.readOnly || !definition) return null;
    const id = nextBlockId(type, state.nodes.map((node) => node.id));
    // A canvas position dropped on a loop puts a normal block inside it; a position beside a sibling keeps its parent.
    const placed = 'parentId' in at ? at : definition.role === 'normal' ? placementAt(state.nodes, state.catalog, at) : { parentId: undefined, position: at };
    const node: BlockNode = {
      id,
      type: 'block',
      position: placed.position,
      selected: true,
      data: { type, name: null, config: defaultConfigFor(definition, state.nodes, state.catalog) },
      ...(placed.parentId ? { parentId: placed.parentId } : {}),
    };
    const firstInput = definition.role === 'entry' && !state.nodes.some((other) => other.id === 'input') && !entryNode(state.nodes, state.catalog);
    return { id, withIt: (nodes) => [...(firstInput ? pointInputReferencesAt(id, withoutSelection(nodes)) : withoutSelection(nodes)), node] };
  }

  return {
    addBlock(type, position) {
      const block = placeBlock(type, position);
      if (!block) return null;
      commit((current) => ({ nodes: block.withIt(current.nodes), edges: withoutSelection(current.edges) }));
      return block.id;
    },

    insertAfter: null,

    setInsertAfter(from) {
      set({ insertAfter: from });
    },

    addBlockAfter(type, from) {
      const state = get();
      const source = state.nodes.find((node) => node.id === from.id);
      if (!source) return null;
      const position = freeSpotRightOf(source, state.nodes, state.edges.filter((edge) => edge.source === from.id).length);
      const block = placeBlock(type, { parentId: source.parentId, position });
      if (!block) return null;
      const connection = { source: from.id, sourceHandle: from.sourceHandle, target: block.id, targetHandle: null };
      const edge: FlowEdge = { id: edgeIdFor(from.id, from.sourceHandle, block.id, null), type: 'flow', ...connection };
      commit((current) => {
        const nodes = block.withIt(current.nodes);
        const edges = withoutSelection(current.edges);
        return { nodes, edges: connectionProblem(connection, nodes, edges, current.catalog) === null ? [...edges, edge] : edges };
      });
      return block.id;
    },

    placeInContainer(id) {
      const state = get();
      const node = state.nodes.find((candidate) => candidate.id === id);
      const at = canvasPosition(state.nodes, id);
      // A connected block stays where its edges are: edges connect blocks of the same parent only.
      if (state.readOnly || !node || !at || state.edges.some((edge) => edge.source === id || edge.target === id)) return;
      if (state.catalog.get(node.data.type)?.role !== 'normal') return;
      const placed = placementAt(state.nodes, state.catalog, at, id);
      if (placed.parentId === node.parentId) return;
      commit((current) => {
        const { parentId: _old, ...rest } = node;
        const moved: BlockNode = { ...rest, position: placed.position, ...(placed.parentId ? { parentId: placed.parentId } : {}) };
        // React Flow draws a parent before its children: the moved block goes last.
        return { nodes: [...current.nodes.filter((other) => other.id !== id), moved] };
      });
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
  };
};
