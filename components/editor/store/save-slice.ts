import { indexProblems, type ProblemIndex } from '../graph';
import type { FlowEdge, GraphProblem, SaveStatus } from '../types';
import type { EditorSlice } from './types';

// What autosave needs: the revision of the graph (bumped by every change), the revision and version the server last
// confirmed, and the problems its validator found in that save.

interface SaveState {
  status: SaveStatus;
  /** The version the server last confirmed; the next save sends it as If-Match. */
  version: number;
  error: string | null;
  savedAt: number | null;
}

export interface SaveSlice {
  /** Bumped by every change of the graph; autosave stores the graph of a revision. */
  revision: number;
  savedRevision: number;
  save: SaveState;
  problems: GraphProblem[];
  problemIndex: ProblemIndex;

  markSaving(): void;
  markSaved(revision: number, version: number, problems: GraphProblem[]): void;
  markSaveFailed(status: Extract<SaveStatus, 'error' | 'conflict'>, error: string): void;
}

const emptyProblems: ProblemIndex = { byBlock: new Map(), byEdge: new Map() };

/** The save state of a workflow just opened at `version`, with the problems it came with. */
export function openedAt(
  version: number,
  problems: GraphProblem[] = [],
  edges: readonly FlowEdge[] = [],
): Pick<SaveSlice, 'revision' | 'savedRevision' | 'save' | 'problems' | 'problemIndex'> {
  return {
    revision: 0,
    savedRevision: 0,
    save: { status: 'idle', version, error: null, savedAt: null },
    problems,
    problemIndex: problems.length ? indexProblems(problems, edges) : emptyProblems,
  };
}

export const createSaveSlice: EditorSlice<SaveSlice> = (set, get) => ({
  ...openedAt(0),

  markSaving() {
    set((state) => ({ save: { ...state.save, status: 'saving', error: null } }));
  },

  markSaved(revision, version, problems) {
    const state = get();
    set({
      savedRevision: revision,
      // Changes made while this save was on its way are not saved yet.
      save: { status: revision === state.revision ? 'saved' : 'saving', version, error: null, savedAt: Date.now() },
      problems,
      problemIndex: indexProblems(problems, state.edges),
    });
  },

  markSaveFailed(status, error) {
    set((state) => ({ save: { ...state.save, status, error } }));
  },
});
