import { toFlow } from '../graph';
import type { CatalogBlock, GraphProblem, WorkflowView } from '../types';
import { emptyHistory } from './history-slice';
import { noRun } from './run-slice';
import { openedAt } from './save-slice';
import type { EditorSlice } from './types';

// Which workflow is open, with which blocks available and what the person may do with it; loading one resets every
// other slice. Notices (the toast) live here too: any slice may raise one.

interface Notice {
  id: number;
  text: string;
  tone: 'info' | 'error';
}

export interface WorkflowSlice {
  workflowId: string | null;
  catalog: ReadonlyMap<string, CatalogBlock>;
  /** Read-only because the person may only view: nothing can be changed. A deployed workflow's draft stays editable. */
  readOnly: boolean;
  /** A version of the workflow is deployed (it keeps running whatever the draft becomes). */
  deployed: boolean;
  viewer: boolean;
  notice: Notice | null;

  load(workflow: WorkflowView & { problems?: GraphProblem[] }, catalog: readonly CatalogBlock[]): void;
  setAccess(access: { deployed?: boolean; viewer?: boolean }): void;
  /** The server's workflow replaces the draft (a restored version, a conflict resolved): saved, nothing to undo. */
  replaceFromServer(workflow: WorkflowView): void;
  notify(text: string, tone?: Notice['tone']): void;
}

let noticeCounter = 0;

export const createWorkflowSlice: EditorSlice<WorkflowSlice> = (set, get) => ({
  workflowId: null,
  catalog: new Map(),
  readOnly: false,
  deployed: false,
  viewer: false,
  notice: null,

  load(workflow, catalog) {
    const { nodes, edges } = toFlow(workflow);
    set({
      ...emptyHistory,
      ...openedAt(workflow.version, workflow.problems, edges),
      ...noRun,
      workflowId: workflow.id,
      catalog: new Map(catalog.map((block) => [block.type, block])),
      nodes,
      edges,
      readOnly: get().viewer,
      deployed: workflow.deployed,
      // The clipboard stays: blocks copied in one workflow can be pasted into the next.
      pasteCount: 0,
      insertAfter: null,
      notice: null,
    });
  },

  setAccess(access) {
    const state = get();
    const deployed = access.deployed ?? state.deployed;
    const viewer = access.viewer ?? state.viewer;
    if (deployed !== state.deployed || viewer !== state.viewer || state.readOnly !== viewer) {
      set({ deployed, viewer, readOnly: viewer, dragging: state.dragging && !viewer });
    }
  },

  replaceFromServer(workflow) {
    const { nodes, edges } = toFlow(workflow);
    const state = get();
    set({
      nodes,
      edges,
      readOnly: state.viewer,
      deployed: workflow.deployed,
      past: [],
      future: [],
      coalesce: null,
      revision: state.revision + 1,
      savedRevision: state.revision + 1,
      save: { status: 'saved', version: workflow.version, error: null, savedAt: Date.now() },
    });
  },

  notify(text, tone = 'info') {
    set({ notice: { id: ++noticeCounter, text, tone } });
  },
});
