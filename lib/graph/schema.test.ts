import { describe, expect, it } from 'vitest';
import { MAX_BLOCKS, MAX_EDGES, blockSchema, edgeLabel, edgeSchema, graphSchema } from './schema';

const position = { x: 10, y: -4.5 };

describe('the shape of a graph', () => {
  it('accepts blocks and edges as the API documents them', () => {
    const graph = {
      blocks: [
        { id: 'input', type: 'input', config: {}, position },
        { id: 'summarize', type: 'llm', name: 'Summarize', config: { model: 'gpt-4o-mini', prompt: '{{input.text}}' }, position },
      ],
      edges: [{ id: 'e1', source: 'input', target: 'summarize', sourceHandle: null, targetHandle: null }, { source: 'summarize', target: 'output' }],
    };
    expect(graphSchema.parse(graph)).toEqual(graph);
  });

  it('leaves semantic checks such as the id format to the validator', () => {
    expect(blockSchema.safeParse({ id: '1 bad id', type: 'whatever', config: {}, position }).success).toBe(true);
  });

  it('rejects wrong shapes', () => {
    expect(graphSchema.safeParse({ blocks: [] }).success).toBe(false);
    expect(blockSchema.safeParse({ id: '', type: 'llm', config: {}, position }).success).toBe(false);
    expect(blockSchema.safeParse({ id: 'a', type: 'llm', config: [], position }).success).toBe(false);
    expect(blockSchema.safeParse({ id: 'a', type: 'llm', config: {} }).success).toBe(false);
    expect(edgeSchema.safeParse({ source: 'a', target: 7 }).success).toBe(false);
  });

  it('drops keys it does not know, such as React Flow UI state', () => {
    expect(blockSchema.parse({ id: 'a', type: 'llm', config: {}, position, selected: true, data: {} })).toEqual({ id: 'a', type: 'llm', config: {}, position });
  });

  it(`limits a graph to ${MAX_BLOCKS} blocks and ${MAX_EDGES} edges`, () => {
    const block = { id: 'a', type: 'llm', config: {}, position };
    const edge = { source: 'a', target: 'b' };
    expect(graphSchema.safeParse({ blocks: Array(MAX_BLOCKS).fill(block), edges: Array(MAX_EDGES).fill(edge) }).success).toBe(true);
    expect(graphSchema.safeParse({ blocks: Array(MAX_BLOCKS + 1).fill(block), edges: [] }).success).toBe(false);
    expect(graphSchema.safeParse({ blocks: [], edges: Array(MAX_EDGES + 1).fill(edge) }).success).toBe(false);
  });

  it('names an edge by its id, or by its ends when it has none', () => {
    expect(edgeLabel({ id: 'e1', source: 'a', target: 'b' })).toBe('e1');
    expect(edgeLabel({ source: 'a', target: 'b' })).toBe('a->b');
  });
});
