import type { EditorSlice, EditorState } from './types';

// Which blocks or edge are selected. React Flow keeps `selected` on the nodes and edges themselves, so selecting is
// a change of the graph arrays, but never an undo step nor a save.

export interface SelectionSlice {
  select(ids: readonly string[]): void;
  selectEdge(id: string): void;
  selectAll(): void;
  clearSelection(): void;
}

/** The same items with nothing selected; items that were not selected keep their identity (no re-render). */
export function withoutSelection<T extends { selected?: boolean }>(items: readonly T[]): T[] {
  return items.map((item) => (item.selected ? { ...item, selected: false } : item));
}

export function selectedIds(items: readonly { id: string; selected?: boolean }[]): Set<string> {
  return new Set(items.filter((item) => item.selected).map((item) => item.id));
}

export const createSelectionSlice: EditorSlice<SelectionSlice> = (set, get) => ({
  select(ids) {
    const wanted = new Set(ids);
    const state = get();
    set({
      nodes: state.nodes.map((node) => (Boolean(node.selected) === wanted.has(node.id) ? node : { ...node, selected: wanted.has(node.id) })),
      edges: withoutSelection(state.edges),
    });
  },

  selectEdge(id) {
    const state = get();
    set({
      nodes: withoutSelection(state.nodes),
      edges: state.edges.map((edge) => (Boolean(edge.selected) === (edge.id === id) ? edge : { ...edge, selected: edge.id === id })),
    });
  },

  selectAll() {
    const state = get();
    set({ nodes: state.nodes.map((node) => (node.selected ? node : { ...node, selected: true })) });
  },

  clearSelection() {
    get().select([]);
  },
});

/** The id of the one selected block, or null when none or several are selected. */
export function selectedBlockId(state: EditorState): string | null {
  let found: string | null = null;
  for (const node of state.nodes) {
    if (!node.selected) continue;
    if (found !== null) return null;
    found = node.id;
  }
  return found;
}

export function selectedCount(state: EditorState): number {
  let count = 0;
  for (const node of state.nodes) if (node.selected) count++;
  return count;
}
