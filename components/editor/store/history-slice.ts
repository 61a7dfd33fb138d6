import type { GraphSnapshot } from '../types';
import type { EditorGet, EditorSet, EditorSlice, EditorState } from './types';

// Undo and redo: snapshots of the graph before each step. Every graph edit goes through `graphCommitter`, which
// takes the step and bumps the revision autosave watches.

const HISTORY_LIMIT = 100;
/** Edits with the same key closer together than this are one undo step (typing in a field). */
const COALESCE_MS = 1_200;

export interface HistorySlice {
  past: GraphSnapshot[];
  future: GraphSnapshot[];
  coalesce: { key: string; at: number } | null;
  dragging: boolean;

  beginDrag(): void;
  endDrag(): void;
  undo(): void;
  redo(): void;
}

export const emptyHistory: Pick<HistorySlice, 'past' | 'future' | 'coalesce' | 'dragging'> = {
  past: [],
  future: [],
  coalesce: null,
  dragging: false,
};

export function snapshot(state: Pick<EditorState, 'nodes' | 'edges'>): GraphSnapshot {
  return { nodes: state.nodes, edges: state.edges };
}

function pushPast(state: EditorState): GraphSnapshot[] {
  return [...state.past, snapshot(state)].slice(-HISTORY_LIMIT);
}

export type GraphChange = (state: EditorState) => Partial<GraphSnapshot> | null;

/**
 * The one way the graph is edited: `commit(change)` applies a change as one undo step (or folds it into the previous
 * step when `coalesceKey` matches a recent one) and bumps the revision so autosave picks it up. A change that answers
 * null changes nothing; in a read-only workflow nothing is applied.
 */
export function graphCommitter(set: EditorSet, get: EditorGet) {
  return function commit(change: GraphChange, coalesceKey?: string) {
    const state = get();
    if (state.readOnly) return;
    const next = change(state);
    if (!next) return;
    const now = Date.now();
    const folds = coalesceKey !== undefined && state.coalesce?.key === coalesceKey && now - state.coalesce.at < COALESCE_MS;
    set({
      ...next,
      past: folds ? state.past : pushPast(state),
      future: [],
      coalesce: coalesceKey ? { key: coalesceKey, at: now } : null,
      revision: state.revision + 1,
    });
  };
}

export const createHistorySlice: EditorSlice<HistorySlice> = (set, get) => {
  function restore(target: GraphSnapshot, history: Pick<HistorySlice, 'past' | 'future'>) {
    set({ ...history, nodes: target.nodes, edges: target.edges, coalesce: null, revision: get().revision + 1 });
  }

  return {
    ...emptyHistory,

    beginDrag() {
      const state = get();
      if (state.readOnly || state.dragging) return;
      // The whole drag is one undo step, taken as it begins.
      set({ dragging: true, past: pushPast(state), future: [], coalesce: null });
    },

    endDrag() {
      const state = get();
      if (!state.dragging) return;
      set({ dragging: false, revision: state.revision + 1 });
    },

    undo() {
      const state = get();
      if (state.readOnly || state.past.length === 0) return;
      const previous = state.past[state.past.length - 1];
      restore(previous, { past: state.past.slice(0, -1), future: [snapshot(state), ...state.future].slice(0, HISTORY_LIMIT) });
    },

    redo() {
      const state = get();
      if (state.readOnly || state.future.length === 0) return;
      const [next, ...rest] = state.future;
      restore(next, { future: rest, past: pushPast(state) });
    },
  };
};
