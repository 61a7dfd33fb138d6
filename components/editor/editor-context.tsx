'use client';

import { createContext, useContext } from 'react';

/** The drag-and-drop type of a palette item; its data is the block type. */
export const PALETTE_MIME = 'application/x-weft-block';

/** Things parts of the editor ask of the canvas or the page, without knowing how they are done. */
export interface EditorActions {
  workflowId: string;
  /** Adds a block of `type` near the middle of what the canvas shows. */
  addBlockAtCenter(type: string): void;
  /** Selects a block and brings it into view. */
  focusBlock(id: string): void;
  /** Selects an edge and brings it into view. */
  focusEdge(id: string): void;
  /** Saves now (skipping the debounce); resolves true when the graph on screen is stored. */
  flushSave(): Promise<boolean>;
  /** Reloads the workflow from the server, dropping local changes. */
  reload(): void;
}

export const EditorActionsContext = createContext<EditorActions | null>(null);

export function useEditorActions(): EditorActions {
  const actions = useContext(EditorActionsContext);
  if (!actions) throw new Error('useEditorActions outside the editor');
  return actions;
}
