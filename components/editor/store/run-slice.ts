import type { StreamEvent } from '@/components/run-events/stream';
import { applyRunEvent, startRun } from '../run-events';
import type { RunState } from '../types';
import type { EditorSlice, EditorState } from './types';

// The live run overlay: the run-events reducer folds each streamed event into `run`; nodes read their own block's
// entry, so an event about one block re-renders that one node.

export interface RunSlice {
  run: RunState | null;
  runPanelOpen: boolean;

  beginRun(): void;
  attachRun(executionId: string): void;
  applyRunEvent(event: StreamEvent, seq: number | null): void;
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

  applyRunEvent(event, seq) {
    const run = get().run;
    if (!run) return;
    const next = applyRunEvent(run, event, seq);
    if (next !== run) set({ run: next });
  },

  failRun(message) {
    set((state) => (state.run ? { run: applyRunEvent(state.run, { type: 'error', error: message, code: 'client' }, null) } : {}));
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
  return state.runPanelOpen || run.status === 'starting' || run.status === 'running' ? run : null;
}
