import { describe, expect, it } from 'vitest';
import {
  ancestorsOf,
  blockIdProblem,
  blockSummary,
  connectionProblem,
  copySelection,
  entryNode,
  getAtPath,
  indexProblems,
  nextBlockId,
  outputFields,
  pasteClipboard,
  renameBlock,
  renameScriptIdentifier,
  renameTemplateReferences,
  setAtPath,
  toFlow,
  toGraph,
} from './graph';
import { layoutLeftToRight } from './layout';
import type { BlockNode, CatalogBlock, FlowEdge } from './types';

const handle = (id: string | null) => ({ id, label: id, tone: 'neutral' as const });

function catalogOf(...blocks: Partial<CatalogBlock>[]): Map<string, CatalogBlock> {
  const defaults = { role: 'normal', sourceHandles: [handle(null)], targetHandles: [handle(null)], script: null, summary: null, outputs: {} };
  return new Map(blocks.map((block) => [block.type!, { label: block.type, ...defaults, ...block } as CatalogBlock]));
}

const catalog = catalogOf(
  { type: 'input', label: 'Input', role: 'entry', targetHandles: [], outputs: { fieldsFromConfig: 'fields' } },
  { type: 'output', label: 'Output', role: 'exit', sourceHandles: [] },
  { type: 'code', label: 'Code', script: { field: 'code', mode: 'function' } },
  { type: 'condition', label: 'Condition', sourceHandles: [handle('true'), handle('false')], script: { field: 'expression', mode: 'expression' } },
  { type: 'llm', label: 'LLM', summary: { parts: [{ field: 'model' }, { field: 'prompt', format: 'words' }] }, outputs: { fields: ['output', 'usage.output_tokens'] } },
);

function node(id: string, type: string, config: Record<string, unknown> = {}, x = 0): BlockNode {
  return { id, type: 'block', position: { x, y: 0 }, data: { type, name: null, config } };
}

function edge(source: string, target: string, sourceHandle: string | null = null): FlowEdge {
  return { id: `${source}-${sourceHandle ?? ''}-${target}`, type: 'flow', source, target, sourceHandle, targetHandle: null };
}

describe('the graph as stored and as drawn', () => {
  it('round-trips blocks and edges, giving edges without an id a stable one and keeping null handles null', () => {
    const flow = toFlow({
      blocks: [
        { id: 'input', type: 'input', name: null, config: {}, position: { x: 1.4, y: 2 } },
        { id: 'check', type: 'condition', name: 'Check', config: { expression: 'true' }, position: { x: 300, y: 0 } },
      ],
      edges: [{ source: 'input', target: 'check' }],
    });
    expect(flow.edges[0]).toMatchObject({ id: 'e_input__check', sourceHandle: null, targetHandle: null });
    const graph = toGraph({ nodes: flow.nodes.map((n) => ({ ...n, selected: true, measured: { width: 10, height: 10 } })), edges: flow.edges });
    expect(graph.blocks[0]).toEqual({ id: 'input', type: 'input', name: null, config: {}, position: { x: 1, y: 2 } });
    expect(graph.blocks[1].name).toBe('Check');
    expect(graph.edges[0]).toEqual({ id: 'e_input__check', source: 'input', target: 'check', sourceHandle: null, targetHandle: null });
  });
});

describe('block ids', () => {
  it('numbers new blocks per type from 1, skipping taken ids', () => {
    expect(nextBlockId('code', [])).toBe('code_1');
    expect(nextBlockId('code', ['code_1', 'code_3'])).toBe('code_2');
    expect(nextBlockId('my-type', [])).toBe('my_type_1');
  });

  it('explains what is wrong with an id', () => {
    expect(blockIdProblem('score', ['input'])).toBeNull();
    expect(blockIdProblem('', [])).toMatch(/required/);
    expect(blockIdProblem('1abc', [])).toMatch(/Start with a letter/);
    expect(blockIdProblem('a-b', [])).toMatch(/letters, digits/);
    expect(blockIdProblem('x'.repeat(65), [])).toMatch(/64/);
    expect(blockIdProblem('input', ['input'])).toMatch(/already/);
    for (const reserved of ['__proto__', 'constructor', 'prototype']) expect(blockIdProblem(reserved, [])).toMatch(/reserved/);
  });
});

describe('connections', () => {
  const nodes = [node('input', 'input'), node('a', 'code'), node('b', 'code'), node('if', 'condition'), node('out', 'output')];
  const edges = [edge('input', 'a'), edge('a', 'b'), edge('b', 'if')];

  it('accepts an ordinary connection', () => {
    expect(connectionProblem({ source: 'if', sourceHandle: 'true', target: 'out' }, nodes, edges, catalog)).toBeNull();
  });

  it('refuses self-loops, cycles and duplicates', () => {
    expect(connectionProblem({ source: 'a', target: 'a' }, nodes, edges, catalog)).toMatch(/itself/);
    expect(connectionProblem({ source: 'b', target: 'a' }, nodes, edges, catalog)).toMatch(/loop/);
    expect(connectionProblem({ source: 'if', target: 'a', sourceHandle: 'false' }, nodes, edges, catalog)).toMatch(/loop/);
    expect(connectionProblem({ source: 'a', target: 'b' }, nodes, edges, catalog)).toMatch(/already connected/);
  });

  it('lets both branches of a condition reach the same block once each', () => {
    const withTrue = [...edges, edge('if', 'out', 'true')];
    expect(connectionProblem({ source: 'if', sourceHandle: 'false', target: 'out' }, nodes, withTrue, catalog)).toBeNull();
    expect(connectionProblem({ source: 'if', sourceHandle: 'true', target: 'out' }, nodes, withTrue, catalog)).toMatch(/already/);
  });

  it('refuses edges into an input block and out of an output block', () => {
    expect(connectionProblem({ source: 'a', target: 'input' }, nodes, edges, catalog)).toMatch(/into input/);
    expect(connectionProblem({ source: 'out', target: 'a' }, nodes, edges, catalog)).toMatch(/no outputs/);
  });

  it('finds every block upstream', () => {
    expect([...ancestorsOf('if', edges)].sort()).toEqual(['a', 'b', 'input']);
    expect(ancestorsOf('input', edges).size).toBe(0);
  });
});

describe('config paths', () => {
  it('reads and writes nested settings, dropping what is emptied', () => {
    const config = { retry: { max_attempts: 3 }, code: 'x' };
    expect(getAtPath(config, 'retry.max_attempts')).toBe(3);
    expect(setAtPath(config, 'retry.backoff_ms', 500)).toEqual({ retry: { max_attempts: 3, backoff_ms: 500 }, code: 'x' });
    expect(setAtPath(config, 'retry.max_attempts', undefined)).toEqual({ code: 'x' });
    expect(setAtPath(config, 'timeout_ms', 10)).toEqual({ ...config, timeout_ms: 10 });
    expect(config).toEqual({ retry: { max_attempts: 3 }, code: 'x' });
  });
});

describe('renaming a block', () => {
  it('rewrites template references to exactly that id, with or without spaces', () => {
    const value = { a: '{{code.score}} and {{ code }} but not {{codex.x}} or {{ other.code }}', list: ['{{code["k"]}}', '{{code[0]}}'] };
    expect(renameTemplateReferences(value, 'code', 'score')).toEqual({
      a: '{{score.score}} and {{ score }} but not {{codex.x}} or {{ other.code }}',
      list: ['{{score["k"]}}', '{{score[0]}}'],
    });
  });

  it('rewrites the variable in scripts but not property names', () => {
    expect(renameScriptIdentifier('code.score > 3 && x.code && mycode', 'code', 'calc')).toBe('calc.score > 3 && x.code && mycode');
  });

  it('renames the node, its edges and the references of other blocks', () => {
    const snapshot = {
      nodes: [node('input', 'input'), node('code', 'code', { code: 'return 1' }), node('if', 'condition', { expression: 'code.score > 3' }), node('out', 'output', { value: 'n={{code.score}}' })],
      edges: [edge('input', 'code'), edge('code', 'if'), edge('if', 'out', 'true')],
    };
    const renamed = renameBlock(snapshot, 'code', 'calc', catalog);
    expect(renamed.nodes.map((n) => n.id)).toEqual(['input', 'calc', 'if', 'out']);
    expect(renamed.nodes[2].data.config.expression).toBe('calc.score > 3');
    expect(renamed.nodes[3].data.config.value).toBe('n={{calc.score}}');
    expect(renamed.edges.map((e) => `${e.source}>${e.target}`)).toEqual(['input>calc', 'calc>if', 'if>out']);
    expect(renamed.nodes[0]).toBe(snapshot.nodes[0]);
  });
});

describe('copy and paste', () => {
  it('pastes fresh ids, keeps the edges between copied blocks and points their references at the copies', () => {
    const snapshot = {
      nodes: [node('input', 'input'), node('code_1', 'code', { code: 'return 1' }), node('out', 'output', { value: '{{code_1.x}} {{input.text}}' })],
      edges: [edge('input', 'code_1'), edge('code_1', 'out')],
    };
    const clipboard = copySelection(snapshot, new Set(['code_1', 'out']))!;
    expect(clipboard.edges).toHaveLength(1);
    const pasted = pasteClipboard(clipboard, ['input', 'code_1', 'out'], catalog, { x: 32, y: 32 });
    expect(pasted.nodes.map((n) => n.id)).toEqual(['code_2', 'output_1']);
    expect(pasted.nodes[1].data.config.value).toBe('{{code_2.x}} {{input.text}}');
    expect(pasted.edges).toMatchObject([{ source: 'code_2', target: 'output_1' }]);
    expect(pasted.nodes[0].position).toEqual({ x: 32, y: 32 });
    expect(pasted.nodes.every((n) => n.selected)).toBe(true);
  });

  it('copies nothing when nothing is selected', () => {
    expect(copySelection({ nodes: [node('a', 'code')], edges: [] }, new Set())).toBeNull();
  });
});

describe('what a node shows', () => {
  // Every real block type's summary is checked against the catalog in server/services/block-catalog.test.ts.
  it('summarises a block in a line as its catalog entry says, and says nothing for a type without a summary', () => {
    expect(blockSummary(catalog.get('llm'), { model: 'gpt-4o-mini', prompt: 'Summarise this long text for me please now' })).toBe('gpt-4o-mini · Summarise this long text for me…');
    expect(blockSummary(catalog.get('code'), { code: 'return 1' })).toBe('');
    expect(blockSummary(undefined, { code: 'return 1' })).toBe('');
  });

  it('knows output fields from the last run, the input fields and the block type', () => {
    expect(outputFields(catalog.get('code'), {}, { score: 3, nested: { a: 1 } })).toEqual(['score', 'nested', 'nested.a']);
    expect(outputFields(catalog.get('input'), { fields: [{ name: 'text' }] }, undefined)).toEqual(['text']);
    expect(outputFields(catalog.get('llm'), {}, undefined)).toContain('usage.output_tokens');
  });

  it("finds the workflow's input block by its type's role, whatever its id", () => {
    const nodes = [node('a', 'code'), node('start', 'input'), node('out', 'output')];
    expect(entryNode(nodes, catalog)?.id).toBe('start');
    expect(entryNode([node('a', 'code')], catalog)).toBeUndefined();
  });

  it('files problems under their block and edge', () => {
    const index = indexProblems(
      [
        { block_id: 'a', edge: null, field: 'config.code', message: 'empty' },
        { block_id: null, edge: 'a->b', field: null, message: 'bad edge' },
        { block_id: null, edge: null, field: null, message: 'no output block' },
      ],
      [edge('a', 'b')],
    );
    expect(index.byBlock.get('a')).toHaveLength(1);
    expect(index.byEdge.get('a--b')).toHaveLength(1);
  });
});

describe('auto-layout', () => {
  it('places blocks left to right in dependency order, true branch above false', () => {
    const nodes = [node('out_f', 'output'), node('if', 'condition'), node('out_t', 'output'), node('input', 'input')];
    const edges = [edge('input', 'if'), edge('if', 'out_f', 'false'), edge('if', 'out_t', 'true')];
    const reversed = new Map(layoutLeftToRight([...nodes].reverse(), [...edges].reverse(), catalog).map((n) => [n.id, n.position]));
    expect(reversed.get('out_t')!.y).toBeLessThan(reversed.get('out_f')!.y);
    const laid = new Map(layoutLeftToRight(nodes, edges, catalog).map((n) => [n.id, n.position]));
    expect(laid.get('input')!.x).toBeLessThan(laid.get('if')!.x);
    expect(laid.get('if')!.x).toBeLessThan(laid.get('out_t')!.x);
    expect(laid.get('out_t')!.y).toBeLessThan(laid.get('out_f')!.y);
    for (const position of laid.values()) expect(position.x % 16).toBe(0);
  });

  it("keeps any branching block's branches in the order of its handles", () => {
    const three = catalogOf({ type: 'input', targetHandles: [] }, { type: 'code' }, { type: 'pick', sourceHandles: [handle('c'), handle('a'), handle('b')] });
    const nodes = [node('input', 'input'), node('pick', 'pick'), node('to_a', 'code'), node('to_b', 'code'), node('to_c', 'code')];
    const edges = [edge('input', 'pick'), edge('pick', 'to_a', 'a'), edge('pick', 'to_b', 'b'), edge('pick', 'to_c', 'c')];
    const laid = new Map(layoutLeftToRight(nodes, edges, three).map((n) => [n.id, n.position]));
    expect(laid.get('to_c')!.y).toBeLessThan(laid.get('to_a')!.y);
    expect(laid.get('to_a')!.y).toBeLessThan(laid.get('to_b')!.y);
  });
});
