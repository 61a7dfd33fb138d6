import { beforeEach, describe, expect, it } from 'vitest';
import { blockCatalog } from '@/server/services/block-catalog';
import { toGraph } from '../graph';
import type { GraphBlock, GraphEdge, WorkflowView } from '../types';
import { selectedBlockId, useEditorStore, visibleRun, type EditorState } from '.';

// The editor store as the canvas drives it: the real block catalog, the same actions the shortcuts, the inspector and
// React Flow call, and the graph autosave would store.

const catalog = blockCatalog().blocks;

function block(id: string, type: string, config: Record<string, unknown> = {}, x = 0): GraphBlock {
  return { id, type, name: null, config, position: { x, y: 0 } } as GraphBlock;
}

function workflow(blocks: GraphBlock[], edges: GraphEdge[], overrides: Partial<WorkflowView> = {}): WorkflowView {
  const now = new Date().toISOString();
  return {
    id: 'wf_1',
    name: 'Test',
    description: null,
    version: 3,
    deployed: false,
    deployed_at: null,
    created_at: now,
    updated_at: now,
    block_count: blocks.length,
    execution_count: 0,
    last_execution_at: null,
    last_execution_id: null,
    last_execution_status: null,
    blocks,
    edges,
    ...overrides,
  };
}

const store = () => useEditorStore.getState();
const saved = () => toGraph(store());
/** Selects these blocks and copies them, as Ctrl+C on a selection does. */
function copyBlocks(...ids: string[]) {
  store().select(ids);
  store().copySelection();
}
/** Makes `change`, checks that one undo brings back the graph before it and one redo the graph after it. */
function expectOneUndoableStep(change: () => void) {
  const before = saved();
  change();
  const after = saved();
  store().undo();
  expect(saved()).toEqual(before);
  store().redo();
  expect(saved()).toEqual(after);
  return { before, after };
}

beforeEach(() => {
  useEditorStore.setState({ clipboard: null, viewer: false });
  store().load(
    workflow(
      [block('input', 'input', {}, 0), block('code_1', 'code', { code: 'return input.text;' }, 300), block('out', 'output', { value: '{{code_1}}' }, 600)],
      [
        { id: 'e1', source: 'input', target: 'code_1', sourceHandle: null, targetHandle: null },
        { id: 'e2', source: 'code_1', target: 'out', sourceHandle: null, targetHandle: null },
      ],
    ),
    catalog,
  );
});

describe('copy, paste and duplicate', () => {
  it('pastes connected blocks with new ids, keeps the edge between them and points references at the copies', () => {
    store().select(['code_1', 'out']);
    expect(store().copySelection()).toBe(2);
    store().paste();
    const graph = saved();
    expect(graph.blocks.map((b) => b.id)).toEqual(['input', 'code_1', 'out', 'code_2', 'output_1']);
    expect(graph.blocks[4].config).toEqual({ value: '{{code_2}}' });
    expect(graph.blocks[3].position).toEqual({ x: 332, y: 32 });
    expect(graph.edges).toHaveLength(3);
    expect(graph.edges[2]).toMatchObject({ source: 'code_2', target: 'output_1' });
    expect(new Set(graph.edges.map((e) => e.id)).size).toBe(3);
    // The copies are the selection now, so the next shortcut acts on them.
    expect(store().nodes.filter((n) => n.selected).map((n) => n.id)).toEqual(['code_2', 'output_1']);
  });

  it('undoes a paste in one step back to the graph before it, and redoes it', () => {
    copyBlocks('code_1', 'out');
    expectOneUndoableStep(() => store().paste());
  });

  it('lands each further paste one step on, and duplicates without replacing the clipboard', () => {
    copyBlocks('code_1');
    store().paste();
    store().paste();
    expect(store().nodes.filter((n) => n.data.type === 'code').map((n) => n.position)).toEqual([
      { x: 300, y: 0 },
      { x: 332, y: 32 },
      { x: 364, y: 64 },
    ]);
    store().select(['out']);
    store().duplicateSelection();
    expect(selectedBlockId(store())).toBe('output_1');
    expect(store().clipboard?.nodes.map((n) => n.id)).toEqual(['code_1']);
  });

  it('changes nothing in a read-only workflow', () => {
    copyBlocks('code_1');
    store().setAccess({ viewer: true });
    const before = saved();
    store().paste();
    store().duplicateSelection();
    expect(saved()).toEqual(before);
    expect(store().past).toHaveLength(0);
  });
});

describe('edits and undo', () => {
  it('makes typing in one field one undo step, and counts every keystroke as a change to save', () => {
    const revision = store().revision;
    for (const code of ['r', 're', 'ret']) store().updateConfig('code_1', 'code', code);
    expect(store().revision).toBe(revision + 3);
    expect(store().past).toHaveLength(1);
    store().undo();
    expect(saved().blocks[1].config).toEqual({ code: 'return input.text;' });
  });

  it('renames a block and what refers to it, and undo brings the old names back', () => {
    store().renameId('code_1', 'clean');
    const graph = saved();
    expect(graph.blocks[1].id).toBe('clean');
    expect(graph.blocks[2].config).toEqual({ value: '{{clean}}' });
    expect(graph.edges.map((e) => [e.source, e.target])).toEqual([
      ['input', 'clean'],
      ['clean', 'out'],
    ]);
    store().undo();
    expect(saved().blocks[1].id).toBe('code_1');
    expect(saved().blocks[2].config).toEqual({ value: '{{code_1}}' });
  });

  it('makes a whole drag one undo step', () => {
    store().beginDrag();
    for (const x of [310, 320, 330]) store().onNodesChange([{ type: 'position', id: 'code_1', position: { x, y: 0 }, dragging: true }]);
    store().endDrag();
    expect(saved().blocks[1].position).toEqual({ x: 330, y: 0 });
    expect(store().past).toHaveLength(1);
    store().undo();
    expect(saved().blocks[1].position).toEqual({ x: 300, y: 0 });
  });

  it('refuses a connection that closes a loop and says why; a good one is an undoable edge', () => {
    store().connect({ source: 'out', target: 'input' });
    store().connect({ source: 'code_1', target: 'input' });
    expect(store().notice?.tone).toBe('error');
    expect(saved().edges).toHaveLength(2);
    store().addBlock('code', { x: 0, y: 200 });
    store().connect({ source: 'input', target: 'code_2' });
    expect(saved().edges.at(-1)).toMatchObject({ source: 'input', target: 'code_2' });
    store().undo();
    expect(saved().edges).toHaveLength(2);
  });

  it('adds a block after an output, placed to its right and connected, and one undo takes both away', () => {
    const id = store().addBlockAfter('http', { id: 'code_1', sourceHandle: null })!;
    const added = saved().blocks.find((candidate) => candidate.id === id)!;
    expect(added.position.x).toBeGreaterThan(300 + 240);
    // code_1 already leads to `out` at that height, so the new block goes a row down.
    expect(saved().blocks.some((other) => other.id !== id && other.position.x === added.position.x && other.position.y === added.position.y)).toBe(false);
    expect(saved().edges.at(-1)).toMatchObject({ source: 'code_1', target: id });
    store().undo();
    expect(saved().blocks.map((candidate) => candidate.id)).toEqual(['input', 'code_1', 'out']);
    expect(saved().edges).toHaveLength(2);
  });

  it('places but does not connect a block that cannot take the edge (a second input block)', () => {
    const id = store().addBlockAfter('input', { id: 'code_1', sourceHandle: null })!;
    expect(saved().blocks.some((candidate) => candidate.id === id)).toBe(true);
    expect(saved().edges).toHaveLength(2);
  });

  it("points a new block's {{input…}} at the workflow's input block, and a first input block at the blocks added before it", () => {
    store().load(workflow([block('start', 'input')], []), catalog);
    const llm = store().addBlock('llm', { x: 300, y: 0 })!;
    expect(saved().blocks[1].config.prompt).toBe('{{start.text}}');
    store().load(workflow([], []), catalog);
    store().addBlock('llm', { x: 300, y: 0 });
    const input = store().addBlock('input', { x: 0, y: 0 })!;
    expect(saved().blocks.map((b) => b.id)).toEqual([llm, input]);
    expect(saved().blocks[0].config.prompt).toBe(`{{${input}.text}}`);
    expect(selectedBlockId(store())).toBe(input);
  });

  it('lays the graph out as one undoable step', () => {
    store().onNodesChange([{ type: 'position', id: 'out', position: { x: 0, y: 500 } }]);
    const { before, after } = expectOneUndoableStep(() => store().autoLayout());
    expect(after.blocks.map((b) => b.position)).not.toEqual(before.blocks.map((b) => b.position));
  });

  it('forgets undo history and the last run when another workflow opens, but keeps the clipboard', () => {
    copyBlocks('code_1');
    store().deleteSelection();
    store().beginRun();
    store().load(workflow([block('input', 'input')], [], { id: 'wf_2' }), catalog);
    expect(store().past).toHaveLength(0);
    expect(store().run).toBeNull();
    store().paste();
    expect(saved().blocks.map((b) => b.id)).toEqual(['input', 'code_1']);
  });
});

describe('save state', () => {
  it('stays unsaved when a save answers for an older revision than the screen shows', () => {
    store().updateName('code_1', 'Clean');
    const sent = store().revision;
    store().markSaving();
    store().updateName('out', 'Answer');
    store().markSaved(sent, 4, []);
    expect(store().save).toMatchObject({ status: 'saving', version: 4 });
    expect(store().revision).not.toBe(store().savedRevision);
    store().markSaved(store().revision, 5, [{ block_id: 'out', edge: null, field: null, message: 'Bad' }]);
    expect(store().save.status).toBe('saved');
    expect(store().problemIndex.byBlock.get('out')).toHaveLength(1);
  });
});

describe('a live run', () => {
  it('changes what one node reads when an event is about its block, and nothing another node reads', () => {
    store().beginRun();
    const statusOf = (id: string) => (state: EditorState) => visibleRun(state)?.blocks[id];
    const seen: Record<string, number> = { input: 0, code_1: 0, out: 0 };
    const unsubscribe = useEditorStore.subscribe((state, previous) => {
      for (const id of Object.keys(seen)) if (statusOf(id)(state) !== statusOf(id)(previous)) seen[id]++;
    });
    store().applyRunEvent({ type: 'block_start', block_id: 'code_1', block_type: 'code' }, 1);
    store().applyRunEvent({ type: 'block_chunk', block_id: 'code_1', block_type: 'code', chunk: 'hi' }, 2);
    unsubscribe();
    expect(seen).toEqual({ input: 0, code_1: 2, out: 0 });
    expect(store().run?.blocks.code_1.status).toBe('running');
  });
});

describe('loops on the canvas', () => {
  it('puts a block dropped on a loop inside it, keeps it there through save, and takes it out when dragged off', () => {
    const loop = store().addBlock('loop', { x: 0, y: 400 })!;
    const http = store().addBlock('http', { x: 100, y: 500 })!;
    expect(saved().blocks.find((b) => b.id === http)).toMatchObject({ parent_id: loop, position: { x: 100, y: 100 } });
    // Connecting it to a block outside the loop is refused with the reason.
    expect(store().canConnect({ source: 'code_1', target: http, sourceHandle: null, targetHandle: null })).toMatch(/same loop/);
    store().onNodesChange([{ type: 'position', id: http, position: { x: 900, y: 0 } }]);
    store().placeInContainer(http);
    expect(saved().blocks.find((b) => b.id === http)).not.toHaveProperty('parent_id');
  });

  it("starts a new loop over the items of the workflow's input block, whatever its id", () => {
    store().load(workflow([block('input_1', 'input')], []), catalog);
    const loop = store().addBlock('loop', { x: 300, y: 0 })!;
    expect(saved().blocks.find((b) => b.id === loop)?.config.items).toBe('{{input_1.items}}');
  });
});
