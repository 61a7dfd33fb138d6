import type { RunEvent } from '@/components/run-events/stream';
import { applyRunEvent, isRunActive, startRun } from '@/components/run-events/run-state';
import type { RunState } from '../types';
import type { EditorSlice, EditorState } from './types';

// The live run overlay: the run-events reducer folds each streamed event into `run`; nodes read their own block's
// entry, so an event about one block re-renders that one node.

export interface RunSlice {
  run: RunState | null;
  runPanelOpen: boolean;

  beginRun(): void;
  attachRun(executionId: string): void;
  applyRunEvent(event: RunEvent, seq: number | null, receivedAt?: number): void;
  failRun(message: string): void;
  setRunPanelOpen(open: boolean): void;
  clearRun(): void;
}

export const noRun: Pick<RunSlice, 'run' | 'runPanelOpen'> = { run: null, runPanelOpen: false };

export const createRunSlice: EditorSlice<RunSlice> = (set, get) => ({
  ...noRun,

  beginRun() {
    set({ run: startRun(get().nodes.map((node) => node.id)), runPanelOpen: true });
  },

  attachRun(executionId) {
    set((state) => (state.run ? { run: { ...state.run, executionId } } : {}));
  },

  applyRunEvent(event, seq, receivedAt) {
    const run = get().run;
    if (!run) return;
    const next = applyRunEvent(run, event, seq, receivedAt);
    if (next !== run) set({ run: next });
  },

  failRun(message) {
    set((state) => (state.run ? { run: applyRunEvent(state.run, { type: 'error', error: message, code: 'client', block_id: null }, null) } : {}));
  },

  setRunPanelOpen(open) {
    set({ runPanelOpen: open });
  },

  clearRun() {
    set({ run: null });
  },
});

/** The run whose statuses the canvas shows: the live one, or the last one while its panel is open. */
export function visibleRun(state: EditorState): RunState | null {
  const run = state.run;
  if (!run) return null;
  return state.runPanelOpen || isRunActive(run) ? run : null;
}
