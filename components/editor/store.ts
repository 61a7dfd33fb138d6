'use client';

import { applyEdgeChanges, applyNodeChanges, type EdgeChange, type NodeChange, type XYPosition } from '@xyflow/react';
import { create } from 'zustand';
import {
  connectionProblem,
  copySelection,
  edgeIdFor,
  entryNode,
  indexProblems,
  nextBlockId,
  pasteClipboard,
  renameBlock,
  renameTemplateReferences,
  setAtPath,
  toFlow,
  type Clipboard,
  type ConnectionLike,
  type ProblemIndex,
} from './graph';
import { layoutLeftToRight } from './layout';
import type { RunEvent } from '@/components/run-events/stream';
import { applyRunEvent, isRunActive, startRun } from '@/components/run-events/run-state';
import type { BlockNode, CatalogBlock, FlowEdge, GraphProblem, GraphSnapshot, RunState, SaveStatus, WorkflowView } from './types';

// The editor's one store: the graph React Flow renders (controlled), selection, undo/redo history, save state,
// validation problems and the live run overlay. Node components subscribe to their own slice only.

const HISTORY_LIMIT = 100;
/** Edits with the same key closer together than this are one undo step (typing in a field). */
const COALESCE_MS = 1_200;

export interface SaveState {
  status: SaveStatus;
  /** The version the server last confirmed; the next save sends it as If-Match. */
  version: number;
  error: string | null;
  savedAt: number | null;
}

export interface Notice {
  id: number;
  text: string;
  tone: 'info' | 'error';
}

export interface EditorState {
  workflowId: string | null;
  catalog: ReadonlyMap<string, CatalogBlock>;
  nodes: BlockNode[];
  edges: FlowEdge[];
  /** Read-only because the workflow is deployed or the person may only view: nothing can be changed. */
  readOnly: boolean;
  deployed: boolean;
  viewer: boolean;

  past: GraphSnapshot[];
  future: GraphSnapshot[];
  coalesce: { key: string; at: number } | null;
  dragging: boolean;

  /** Bumped by every change of the graph; autosave stores the graph of a revision. */
  revision: number;
  savedRevision: number;
  save: SaveState;

  problems: GraphProblem[];
  problemIndex: ProblemIndex;

  run: RunState | null;
  runPanelOpen: boolean;

  clipboard: Clipboard | null;
  pasteCount: number;
  notice: Notice | null;

  load(workflow: WorkflowView & { problems?: GraphProblem[] }, catalog: readonly CatalogBlock[]): void;
  setAccess(access: { deployed?: boolean; viewer?: boolean }): void;

  onNodesChange(changes: NodeChange<BlockNode>[]): void;
  onEdgesChange(changes: EdgeChange<FlowEdge>[]): void;
  beginDrag(): void;
  endDrag(): void;
  connect(connection: ConnectionLike): void;
  canConnect(connection: ConnectionLike): string | null;

  addBlock(type: string, position: XYPosition): string | null;
  updateConfig(id: string, path: string, value: unknown): void;
  replaceConfig(id: string, config: Record<string, unknown>, coalesceKey?: string): void;
  updateName(id: string, name: string): void;
  renameId(from: string, to: string): void;
  deleteBlocks(ids: readonly string[]): void;
  deleteSelection(): void;
  copySelection(): number;
  paste(): void;
  duplicateSelection(): void;
  autoLayout(): void;
  select(ids: readonly string[]): void;
  selectEdge(id: string): void;
  selectAll(): void;
  clearSelection(): void;

  undo(): void;
  redo(): void;

  markSaving(): void;
  markSaved(revision: number, version: number, problems: GraphProblem[]): void;
  markSaveFailed(status: Extract<SaveStatus, 'error' | 'conflict' | 'deployed'>, error: string): void;
  replaceFromServer(workflow: WorkflowView): void;

  beginRun(): void;
  attachRun(executionId: string): void;
  applyRunEvent(event: RunEvent, seq: number | null, receivedAt?: number): void;
  failRun(message: string): void;
  setRunPanelOpen(open: boolean): void;
  clearRun(): void;

  notify(text: string, tone?: Notice['tone']): void;
}

function snapshot(state: Pick<EditorState, 'nodes' | 'edges'>): GraphSnapshot {
  return { nodes: state.nodes, edges: state.edges };
}

const emptyProblems: ProblemIndex = { byBlock: new Map(), byEdge: new Map() };

let noticeCounter = 0;

export const useEditorStore = create<EditorState>()((set, get) => {
  /**
   * Applies a change of the graph as one undo step (or folds it into the previous step when `coalesceKey` matches
   * a recent one) and bumps the revision so autosave picks it up.
   */
  function commit(change: (state: EditorState) => Partial<GraphSnapshot> | null, coalesceKey?: string) {
    const state = get();
    if (state.readOnly) return;
    const next = change(state);
    if (!next) return;
    const now = Date.now();
    const folds = coalesceKey !== undefined && state.coalesce?.key === coalesceKey && now - state.coalesce.at < COALESCE_MS;
    set({
      ...next,
      past: folds ? state.past : [...state.past, snapshot(state)].slice(-HISTORY_LIMIT),
      future: [],
      coalesce: coalesceKey ? { key: coalesceKey, at: now } : null,
      revision: state.revision + 1,
    });
  }

  function updateNode(id: string, change: (node: BlockNode) => BlockNode, coalesceKey?: string) {
    commit((state) => {
      const index = state.nodes.findIndex((node) => node.id === id);
      if (index < 0) return null;
      const nodes = [...state.nodes];
      nodes[index] = change(nodes[index]);
      return { nodes };
    }, coalesceKey);
  }

  function restore(target: GraphSnapshot) {
    const state = get();
    set({ nodes: target.nodes, edges: target.edges, coalesce: null, revision: state.revision + 1 });
  }

  return {
    workflowId: null,
    catalog: new Map(),
    nodes: [],
    edges: [],
    readOnly: false,
    deployed: false,
    viewer: false,
    past: [],
    future: [],
    coalesce: null,
    dragging: false,
    revision: 0,
    savedRevision: 0,
    save: { status: 'idle', version: 0, error: null, savedAt: null },
    problems: [],
    problemIndex: emptyProblems,
    run: null,
    runPanelOpen: false,
    clipboard: null,
    pasteCount: 0,
    notice: null,

    load(workflow, catalog) {
      const { nodes, edges } = toFlow(workflow);
      set({
        workflowId: workflow.id,
        catalog: new Map(catalog.map((block) => [block.type, block])),
        nodes,
        edges,
        readOnly: workflow.deployed || get().viewer,
        deployed: workflow.deployed,
        past: [],
        future: [],
        coalesce: null,
        dragging: false,
        revision: 0,
        savedRevision: 0,
        save: { status: 'idle', version: workflow.version, error: null, savedAt: null },
        problems: workflow.problems ?? [],
        problemIndex: workflow.problems?.length ? indexProblems(workflow.problems, edges) : emptyProblems,
        run: null,
        runPanelOpen: false,
        pasteCount: 0,
        notice: null,
      });
    },

    setAccess(access) {
      const state = get();
      const deployed = access.deployed ?? state.deployed;
      const viewer = access.viewer ?? state.viewer;
      if (deployed !== state.deployed || viewer !== state.viewer || state.readOnly !== (deployed || viewer)) {
        set({ deployed, viewer, readOnly: deployed || viewer, dragging: false });
      }
    },

    onNodesChange(changes) {
      const state = get();
      const structural = changes.filter((change) => change.type !== 'select' && change.type !== 'dimensions');
      if (structural.length === 0) {
        set({ nodes: applyNodeChanges(changes, state.nodes) });
        return;
      }
      if (state.readOnly) {
        const harmless = changes.filter((change) => change.type === 'select' || change.type === 'dimensions');
        if (harmless.length) set({ nodes: applyNodeChanges(harmless, state.nodes) });
        return;
      }
      const onlyPositions = structural.every((change) => change.type === 'position');
      if (onlyPositions && state.dragging) {
        // The undo step was taken when the drag began; the positions during it are not steps of their own.
        set({ nodes: applyNodeChanges(changes, state.nodes), revision: state.revision + 1 });
        return;
      }
      const removed = new Set(structural.flatMap((change) => (change.type === 'remove' ? [change.id] : [])));
      commit(
        (current) => ({
          nodes: applyNodeChanges(changes, current.nodes),
          edges: removed.size ? current.edges.filter((edge) => !removed.has(edge.source) && !removed.has(edge.target)) : current.edges,
        }),
        onlyPositions ? 'keyboard-move' : undefined,
      );
    },

    onEdgesChange(changes) {
      const state = get();
      const structural = changes.filter((change) => change.type !== 'select');
      if (structural.length === 0 || state.readOnly) {
        const harmless = changes.filter((change) => change.type === 'select');
        if (harmless.length) set({ edges: applyEdgeChanges(harmless, state.edges) });
        return;
      }
      commit((current) => ({ edges: applyEdgeChanges(changes, current.edges) }));
    },

    beginDrag() {
      const state = get();
      if (state.readOnly || state.dragging) return;
      set({ dragging: true, past: [...state.past, snapshot(state)].slice(-HISTORY_LIMIT), future: [], coalesce: null });
    },

    endDrag() {
      const state = get();
      if (!state.dragging) return;
      set({ dragging: false, revision: state.revision + 1 });
    },

    canConnect(connection) {
      const state = get();
      if (state.readOnly) return 'This workflow is read-only';
      return connectionProblem(connection, state.nodes, state.edges, state.catalog);
    },

    connect(connection) {
      const problem = get().canConnect(connection);
      if (problem) {
        get().notify(problem, 'error');
        return;
      }
      const source = connection.source!;
      const target = connection.target!;
      const sourceHandle = connection.sourceHandle ?? null;
      const targetHandle = connection.targetHandle ?? null;
      commit((state) => ({
        edges: [
          ...state.edges.map((edge) => (edge.selected ? { ...edge, selected: false } : edge)),
          { id: edgeIdFor(source, sourceHandle, target, targetHandle), type: 'flow', source, target, sourceHandle, targetHandle },
        ],
      }));
    },

    addBlock(type, position) {
      const state = get();
      const definition = state.catalog.get(type);
      if (state.readOnly || !definition) return null;
      const id = nextBlockId(type, state.nodes.map((node) => node.id));
      let config = structuredClone(definition.defaultConfig) as Record<string, unknown>;
      // Default configs say `{{input.…}}`; point them at the workflow's actual input block, whatever its id.
      const hasInputId = state.nodes.some((node) => node.id === 'input');
      const inputBlock = entryNode(state.nodes, state.catalog);
      const isEntry = definition.role === 'entry';
      if (!hasInputId && !isEntry && inputBlock) config = renameTemplateReferences(config, 'input', inputBlock.id) as Record<string, unknown>;
      const node: BlockNode = { id, type: 'block', position, selected: true, data: { type, name: null, config } };
      commit((current) => {
        let nodes = current.nodes.map((other) => (other.selected ? { ...other, selected: false } : other));
        if (isEntry && !hasInputId && !inputBlock) {
          // The first input block: blocks added before it that say `{{input.…}}` now mean this one.
          nodes = nodes.map((other) => {
            const renamed = renameTemplateReferences(other.data.config, 'input', id) as Record<string, unknown>;
            return JSON.stringify(renamed) === JSON.stringify(other.data.config) ? other : { ...other, data: { ...other.data, config: renamed } };
          });
        }
        return { nodes: [...nodes, node], edges: current.edges.map((edge) => (edge.selected ? { ...edge, selected: false } : edge)) };
      });
      return id;
    },

    updateConfig(id, path, value) {
      updateNode(id, (node) => ({ ...node, data: { ...node.data, config: setAtPath(node.data.config, path, value) } }), `config:${id}:${path}`);
    },

    replaceConfig(id, config, coalesceKey) {
      updateNode(id, (node) => ({ ...node, data: { ...node.data, config } }), coalesceKey ?? `config:${id}:*`);
    },

    updateName(id, name) {
      updateNode(id, (node) => ({ ...node, data: { ...node.data, name: name.trim() === '' ? null : name } }), `name:${id}`);
    },

    renameId(from, to) {
      if (from === to) return;
      commit((state) => {
        if (!state.nodes.some((node) => node.id === from) || state.nodes.some((node) => node.id === to)) return null;
        return renameBlock(snapshot(state), from, to, state.catalog);
      });
      // Problems about the old id are stale now; the next save brings the new list.
      const state = get();
      set({ problemIndex: indexProblems(state.problems.filter((problem) => problem.block_id !== from), state.edges) });
    },

    deleteBlocks(ids) {
      if (ids.length === 0) return;
      const doomed = new Set(ids);
      commit((state) => ({
        nodes: state.nodes.filter((node) => !doomed.has(node.id)),
        edges: state.edges.filter((edge) => !doomed.has(edge.source) && !doomed.has(edge.target)),
      }));
    },

    deleteSelection() {
      const state = get();
      const nodes = new Set(state.nodes.filter((node) => node.selected).map((node) => node.id));
      const edges = new Set(state.edges.filter((edge) => edge.selected).map((edge) => edge.id));
      if (nodes.size === 0 && edges.size === 0) return;
      commit((current) => ({
        nodes: current.nodes.filter((node) => !nodes.has(node.id)),
        edges: current.edges.filter((edge) => !edges.has(edge.id) && !nodes.has(edge.source) && !nodes.has(edge.target)),
      }));
    },

    copySelection() {
      const state = get();
      const clipboard = copySelection(snapshot(state), new Set(state.nodes.filter((node) => node.selected).map((node) => node.id)));
      if (clipboard) set({ clipboard, pasteCount: 0 });
      return clipboard?.nodes.length ?? 0;
    },

    paste() {
      const state = get();
      if (!state.clipboard || state.readOnly) return;
      const step = (state.pasteCount + 1) * 32;
      const pasted = pasteClipboard(state.clipboard, state.nodes.map((node) => node.id), state.catalog, { x: step, y: step });
      set({ pasteCount: state.pasteCount + 1 });
      commit((current) => ({
        nodes: [...current.nodes.map((node) => (node.selected ? { ...node, selected: false } : node)), ...pasted.nodes],
        edges: [...current.edges.map((edge) => (edge.selected ? { ...edge, selected: false } : edge)), ...pasted.edges],
      }));
    },

    duplicateSelection() {
      const state = get();
      if (state.readOnly) return;
      const clipboard = copySelection(snapshot(state), new Set(state.nodes.filter((node) => node.selected).map((node) => node.id)));
      if (!clipboard) return;
      const pasted = pasteClipboard(clipboard, state.nodes.map((node) => node.id), state.catalog, { x: 32, y: 32 });
      commit((current) => ({
        nodes: [...current.nodes.map((node) => (node.selected ? { ...node, selected: false } : node)), ...pasted.nodes],
        edges: [...current.edges.map((edge) => (edge.selected ? { ...edge, selected: false } : edge)), ...pasted.edges],
      }));
    },

    autoLayout() {
      commit((state) => (state.nodes.length ? { nodes: layoutLeftToRight(state.nodes, state.edges, state.catalog) } : null));
    },

    select(ids) {
      const wanted = new Set(ids);
      const state = get();
      set({
        nodes: state.nodes.map((node) => (Boolean(node.selected) === wanted.has(node.id) ? node : { ...node, selected: wanted.has(node.id) })),
        edges: state.edges.map((edge) => (edge.selected ? { ...edge, selected: false } : edge)),
      });
    },

    selectEdge(id) {
      const state = get();
      set({
        nodes: state.nodes.map((node) => (node.selected ? { ...node, selected: false } : node)),
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

    undo() {
      const state = get();
      if (state.readOnly || state.past.length === 0) return;
      const previous = state.past[state.past.length - 1];
      set({ past: state.past.slice(0, -1), future: [snapshot(state), ...state.future].slice(0, HISTORY_LIMIT) });
      restore(previous);
    },

    redo() {
      const state = get();
      if (state.readOnly || state.future.length === 0) return;
      const [next, ...rest] = state.future;
      set({ future: rest, past: [...state.past, snapshot(state)].slice(-HISTORY_LIMIT) });
      restore(next);
    },

    markSaving() {
      set((state) => ({ save: { ...state.save, status: 'saving', error: null } }));
    },

    markSaved(revision, version, problems) {
      const state = get();
      set({
        savedRevision: revision,
        save: { status: revision === state.revision ? 'saved' : 'saving', version, error: null, savedAt: Date.now() },
        problems,
        problemIndex: indexProblems(problems, state.edges),
      });
    },

    markSaveFailed(status, error) {
      set((state) => ({ save: { ...state.save, status, error } }));
    },

    replaceFromServer(workflow) {
      const { nodes, edges } = toFlow(workflow);
      const state = get();
      set({
        nodes,
        edges,
        readOnly: workflow.deployed || state.viewer,
        deployed: workflow.deployed,
        past: [],
        future: [],
        coalesce: null,
        revision: state.revision + 1,
        savedRevision: state.revision + 1,
        save: { status: 'saved', version: workflow.version, error: null, savedAt: Date.now() },
      });
    },

    beginRun() {
      const state = get();
      set({ run: startRun(state.nodes.map((node) => node.id)), runPanelOpen: true });
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
      set((state) =>
        state.run
          ? { run: applyRunEvent(state.run, { type: 'error', error: message, code: 'client', block_id: null }, null) }
          : {},
      );
    },

    setRunPanelOpen(open) {
      set({ runPanelOpen: open });
    },

    clearRun() {
      set({ run: null });
    },

    notify(text, tone = 'info') {
      set({ notice: { id: ++noticeCounter, text, tone } });
    },
  };
});

/** The run whose statuses the canvas shows: the live one, or the last one while its panel is open. */
export function visibleRun(state: EditorState): RunState | null {
  const run = state.run;
  if (!run) return null;
  return state.runPanelOpen || isRunActive(run) ? run : null;
}

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
