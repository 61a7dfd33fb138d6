import { describe, expect, it } from 'vitest';
import type { GraphBlock, GraphEdge } from '@/components/editor/types';
import { diffGraphs, edgeKey, jsonEqual, previewValue, valueChanges, type BlockDiff, type EdgeDiff } from './diff';

const at = (x: number, y: number) => ({ x, y });
const block = (id: string, type: string, config: Record<string, unknown> = {}, position = at(0, 0), name: string | null = null): GraphBlock =>
  ({ id, type, name, config, position }) as GraphBlock;
const edge = (source: string, target: string, sourceHandle: string | null = null, id?: string): GraphEdge => ({ id, source, target, sourceHandle, targetHandle: null });
/** A diff's entries as [block id or edge key, change], in the order the versions panel lists them. */
const listed = (entries: (BlockDiff | EdgeDiff)[]) => entries.map((entry) => ['id' in entry ? entry.id : entry.key, entry.change]);

const version = {
  blocks: [
    block('input', 'input', {}, at(0, 0)),
    block('code', 'code', { code: 'return 1', timeout_ms: 1000 }, at(300, 0)),
    block('check', 'condition', { expression: 'code > 0' }, at(600, 0)),
    block('output', 'output', {}, at(900, 0)),
  ],
  edges: [edge('input', 'code', null, 'e1'), edge('code', 'check'), edge('check', 'output', 'true')],
};

describe('comparing a version with the draft', () => {
  it('finds nothing when the draft is the version', () => {
    const diff = diffGraphs(version, structuredClone(version));
    expect(diff.sameGraph).toBe(true);
    expect(diff.blocks.every((entry) => entry.change === 'unchanged')).toBe(true);
    expect(diff.edges.every((entry) => entry.change === 'unchanged')).toBe(true);
    expect(diff.summary).toEqual({ added: 0, removed: 0, changed: 0, moved: 0, unchanged: 4, edgesAdded: 0, edgesRemoved: 0 });
  });

  it('marks a block whose code changed as changed and names the field with both values', () => {
    const draft = structuredClone(version);
    draft.blocks[1].config.code = 'return 2';
    const diff = diffGraphs(version, draft);
    const code = diff.blocks.find((entry) => entry.id === 'code')!;
    expect(code.change).toBe('changed');
    expect(code.fields).toEqual([{ path: 'config.code', kind: 'changed', before: 'return 1', after: 'return 2' }]);
    expect(diff.summary.changed).toBe(1);
    expect(diff.sameGraph).toBe(false);
  });

  it('lists added and removed blocks: draft order first, then the removed ones', () => {
    const draft = {
      blocks: [...version.blocks.filter((entry) => entry.id !== 'check'), block('log', 'code', { code: 'console.log(1)' }, at(600, 200))],
      edges: [edge('input', 'code'), edge('code', 'output'), edge('code', 'log')],
    };
    const diff = diffGraphs(version, draft);
    expect(listed(diff.blocks)).toEqual([
      ['input', 'unchanged'],
      ['code', 'unchanged'],
      ['output', 'unchanged'],
      ['log', 'added'],
      ['check', 'removed'],
    ]);
    const removed = diff.blocks.find((entry) => entry.id === 'check')!;
    expect(removed.before?.position).toEqual(at(600, 0));
    expect(removed.after).toBeNull();
    expect(diff.summary).toMatchObject({ added: 1, removed: 1, edgesAdded: 2, edgesRemoved: 2 });
  });

  it('matches edges by their ends and handles, not their ids', () => {
    const draft = structuredClone(version);
    draft.edges = [edge('input', 'code', null, 'renamed'), edge('code', 'check'), edge('check', 'output', 'false')];
    expect(listed(diffGraphs(version, draft).edges)).toEqual([
      ['input -> code', 'unchanged'],
      ['code -> check', 'unchanged'],
      ['check:false -> output', 'added'],
      ['check:true -> output', 'removed'],
    ]);
  });

  it('counts a block that only moved as moved, not changed', () => {
    const draft = structuredClone(version);
    draft.blocks[0].position = at(0, 160);
    draft.blocks[3].position = at(900.2, 0.4); // rounding noise is not a move
    const diff = diffGraphs(version, draft);
    expect(diff.blocks.find((entry) => entry.id === 'input')).toMatchObject({ change: 'moved', moved: true, fields: [] });
    expect(diff.blocks.find((entry) => entry.id === 'output')).toMatchObject({ change: 'unchanged', moved: false });
    expect(diff.sameGraph).toBe(true);
    expect(diff.summary.moved).toBe(1);
  });

  it('notes a rename and a changed type as fields of a changed block, and a changed block that moved', () => {
    const draft = structuredClone(version);
    draft.blocks[1] = { ...draft.blocks[1], name: 'Score', position: at(320, 0) };
    draft.blocks[3] = { ...draft.blocks[3], type: 'code', config: { code: 'return 0' } };
    const diff = diffGraphs(version, draft);
    const code = diff.blocks.find((entry) => entry.id === 'code')!;
    expect(code).toMatchObject({ change: 'changed', moved: true });
    expect(code.fields).toEqual([{ path: 'name', kind: 'added', before: undefined, after: 'Score' }]);
    const output = diff.blocks.find((entry) => entry.id === 'output')!;
    expect(output.fields.map((field) => field.path)).toEqual(['type', 'config.code']);
  });

  it('treats a blank name like no name', () => {
    const draft = structuredClone(version);
    draft.blocks[0].name = '  ';
    expect(diffGraphs(version, draft).blocks[0].change).toBe('unchanged');
  });
});

describe('changed config fields', () => {
  it('reports the leaf paths of nested objects and arrays', () => {
    const before = { headers: { Accept: 'json', 'x-api-key': 'a' }, fields: [{ name: 'text', type: 'string' }], method: 'GET' };
    const after = { headers: { Accept: 'json', 'x-api-key': 'b' }, fields: [{ name: 'text', type: 'number' }, { name: 'n', type: 'number' }], body: '{}' };
    expect(valueChanges(before, after, 'config')).toEqual([
      { path: 'config.headers["x-api-key"]', kind: 'changed', before: 'a', after: 'b' },
      { path: 'config.fields[0].type', kind: 'changed', before: 'string', after: 'number' },
      { path: 'config.fields[1]', kind: 'added', before: undefined, after: { name: 'n', type: 'number' } },
      { path: 'config.method', kind: 'removed', before: 'GET', after: undefined },
      { path: 'config.body', kind: 'added', before: undefined, after: '{}' },
    ]);
  });

  it('reports a value that changed shape as one change', () => {
    expect(valueChanges({ value: 'text' }, { value: { a: 1 } }, 'config')).toEqual([{ path: 'config.value', kind: 'changed', before: 'text', after: { a: 1 } }]);
  });

  it('ignores key order and keys set to undefined', () => {
    expect(jsonEqual({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true);
    expect(jsonEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(jsonEqual([1, 2], [2, 1])).toBe(false);
    expect(jsonEqual({ a: null }, { a: undefined })).toBe(false);
    expect(valueChanges({ a: 1 }, { a: 1, b: undefined }, 'config')).toEqual([]);
  });
});

describe('showing values and edges', () => {
  it('previews values as one line of JSON, cut with an ellipsis', () => {
    expect(previewValue('return 1')).toBe('"return 1"');
    expect(previewValue('line one\nline two')).toBe('"line one\\nline two"');
    expect(previewValue({ a: [1, true, null] })).toBe('{"a":[1,true,null]}');
    expect(previewValue(undefined)).toBe('(not set)');
    const long = previewValue('x'.repeat(500), 40);
    expect(long).toHaveLength(40);
    expect(long.endsWith('…')).toBe(true);
  });

  it('names edges by their ends', () => {
    expect(edgeKey({ source: 'a', target: 'b' })).toBe('a -> b');
    expect(edgeKey({ source: 'if', target: 'b', sourceHandle: 'true', targetHandle: null })).toBe('if:true -> b');
  });
});
