import type { StateCreator } from 'zustand';
import type { BlockSlice } from './block-slice';
import type { ClipboardSlice } from './clipboard-slice';
import type { GraphSlice } from './graph-slice';
import type { HistorySlice } from './history-slice';
import type { RunSlice } from './run-slice';
import type { SaveSlice } from './save-slice';
import type { SelectionSlice } from './selection-slice';
import type { WorkflowSlice } from './workflow-slice';

// The editor's one store is the sum of its slices; each slice may read and write the whole state, so a graph edit can
// take an undo step and bump the revision autosave watches.

export type EditorState = WorkflowSlice &
  GraphSlice &
  BlockSlice &
  SelectionSlice &
  ClipboardSlice &
  HistorySlice &
  SaveSlice &
  RunSlice;

export type EditorSlice<T> = StateCreator<EditorState, [], [], T>;
export type EditorSet = Parameters<EditorSlice<unknown>>[0];
export type EditorGet = Parameters<EditorSlice<unknown>>[1];
