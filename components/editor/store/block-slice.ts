import type { XYPosition } from '@xyflow/react';
import { canvasPosition, entryNode, indexProblems, nextBlockId, placementAt, renameBlock, renameTemplateReferences, setAtPath } from '../graph';
import type { BlockConfig, BlockNode, CatalogBlock } from '../types';
import { graphCommitter, snapshot } from './history-slice';
import { withoutSelection } from './selection-slice';
import type { EditorSlice } from './types';

// Adding a block and editing one: its config, name and id. Typing in one field folds into one undo step (the
// coalesce key names the field); renaming an id rewrites what refers to it.

export interface BlockSlice {
  /** Adds a block at a canvas position; dropped on a loop, it goes inside it. */
  addBlock(type: string, position: XYPosition): string | null;
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

  return {
    addBlock(type, position) {
      const state = get();
      const definition = state.catalog.get(type);
      if (state.readOnly || !definition) return null;
      const id = nextBlockId(type, state.nodes.map((node) => node.id));
      const placed = definition.role === 'normal' ? placementAt(state.nodes, state.catalog, position) : { parentId: undefined, position };
      const node: BlockNode = {
        id,
        type: 'block',
        position: placed.position,
        selected: true,
        data: { type, name: null, config: defaultConfigFor(definition, state.nodes, state.catalog) },
        ...(placed.parentId ? { parentId: placed.parentId } : {}),
      };
      const firstInput = definition.role === 'entry' && !state.nodes.some((other) => other.id === 'input') && !entryNode(state.nodes, state.catalog);
      commit((current) => {
        const nodes = withoutSelection(current.nodes);
        return { nodes: [...(firstInput ? pointInputReferencesAt(id, nodes) : nodes), node], edges: withoutSelection(current.edges) };
      });
      return id;
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
