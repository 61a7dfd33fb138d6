'use client';

import { create } from 'zustand';
import { createBlockSlice } from './block-slice';
import { createClipboardSlice } from './clipboard-slice';
import { createGraphSlice } from './graph-slice';
import { createHistorySlice } from './history-slice';
import { createRunSlice } from './run-slice';
import { createSaveSlice } from './save-slice';
import { createSelectionSlice } from './selection-slice';
import type { EditorState } from './types';
import { createWorkflowSlice } from './workflow-slice';

// The editor's one store, put together from its slices (zustand's slices pattern): components keep one hook and
// subscribe with narrow selectors, so a node re-renders only when its own block, status or problems change.

export const useEditorStore = create<EditorState>()((...store) => ({
  ...createWorkflowSlice(...store),
  ...createGraphSlice(...store),
  ...createBlockSlice(...store),
  ...createSelectionSlice(...store),
  ...createClipboardSlice(...store),
  ...createHistorySlice(...store),
  ...createSaveSlice(...store),
  ...createRunSlice(...store),
}));

export type { EditorState } from './types';
;
;
export { selectedBlockId, selectedCount } from './selection-slice';
export { visibleRun } from './run-slice';
