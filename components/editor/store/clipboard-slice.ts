import { copySelection, pasteClipboard, type Clipboard } from '../graph';
import { graphCommitter, snapshot } from './history-slice';
import { selectedIds, withoutSelection } from './selection-slice';
import type { EditorSlice } from './types';

// Copy, paste and duplicate. The editor's clipboard is its own (blocks, not text); duplicate is a copy pasted at once
// without touching it. Both end in `pasteCopies`, the one way copies enter the graph.

/** How far each paste lands from the previous one, so copies never hide each other. */
const PASTE_STEP = 32;

export interface ClipboardSlice {
  clipboard: Clipboard | null;
  /** Pastes since the last copy: the next lands one step further. */
  pasteCount: number;

  /** Copies the selected blocks (and the edges between them); answers how many. */
  copySelection(): number;
  paste(): void;
  duplicateSelection(): void;
}

export const createClipboardSlice: EditorSlice<ClipboardSlice> = (set, get) => {
  const commit = graphCommitter(set, get);

  function copyOfSelection(): Clipboard | null {
    const state = get();
    return copySelection(snapshot(state), selectedIds(state.nodes));
  }

  /** Adds copies of the clipboard's blocks with fresh ids as one undo step; the copies end up the selection. */
  function pasteCopies(clipboard: Clipboard, offset: number) {
    commit((state) => {
      const pasted = pasteClipboard(clipboard, state.nodes.map((node) => node.id), state.catalog, { x: offset, y: offset });
      return {
        nodes: [...withoutSelection(state.nodes), ...pasted.nodes],
        edges: [...withoutSelection(state.edges), ...pasted.edges],
      };
    });
  }

  return {
    clipboard: null,
    pasteCount: 0,

    copySelection() {
      const clipboard = copyOfSelection();
      if (clipboard) set({ clipboard, pasteCount: 0 });
      return clipboard?.nodes.length ?? 0;
    },

    paste() {
      const { clipboard, readOnly, pasteCount } = get();
      if (!clipboard || readOnly) return;
      set({ pasteCount: pasteCount + 1 });
      pasteCopies(clipboard, (pasteCount + 1) * PASTE_STEP);
    },

    duplicateSelection() {
      if (get().readOnly) return;
      const clipboard = copyOfSelection();
      if (clipboard) pasteCopies(clipboard, PASTE_STEP);
    },
  };
};
