import { describe, expect, it } from 'vitest';
import { buildAdjacency, findCycles, isAcyclic, reachableFrom, topologicalSort, upstreamOf } from './topology';

const blocks = (...ids: string[]) => ids.map((id) => ({ id }));
const edges = (...pairs: string[]) =>
  pairs.map((pair) => {
    const [source, target] = pair.split('>');
    return { source, target };
  });

/** a -> b, a -> c, b -> d, c -> d */
const diamond = { blocks: blocks('a', 'b', 'c', 'd'), edges: edges('a>b', 'a>c', 'b>d', 'c>d') };

describe('a diamond', () => {
  it('sorts every block after its upstream blocks, ties in block order', () => {
    expect(topologicalSort(diamond)).toEqual(['a', 'b', 'c', 'd']);
    expect(topologicalSort({ blocks: blocks('d', 'c', 'b', 'a'), edges: diamond.edges })).toEqual(['a', 'c', 'b', 'd']);
  });

  it('knows the upstream blocks of each block', () => {
    expect(upstreamOf(diamond)).toEqual(
      new Map([
        ['a', new Set()],
        ['b', new Set(['a'])],
        ['c', new Set(['a'])],
        ['d', new Set(['a', 'b', 'c'])],
      ]),
    );
  });

  it('knows what is reachable from a block', () => {
    expect(reachableFrom(diamond, ['b'])).toEqual(new Set(['b', 'd']));
    expect(reachableFrom(diamond, ['a'])).toEqual(new Set(['a', 'b', 'c', 'd']));
    expect(reachableFrom(diamond, ['nope'])).toEqual(new Set());
  });

  it('has no cycle', () => {
    expect(findCycles(diamond)).toEqual([]);
    expect(isAcyclic(diamond)).toBe(true);
  });
});

describe('adjacency', () => {
  it('ignores edges to missing blocks, counts parallel edges once and lists neighbours in block order', () => {
    const adjacency = buildAdjacency({ blocks: blocks('a', 'c', 'b'), edges: edges('a>b', 'a>c', 'a>b', 'a>ghost', 'ghost>b') });
    expect(adjacency.ids).toEqual(['a', 'c', 'b']);
    expect(adjacency.successors.get('a')).toEqual(['c', 'b']);
    expect(adjacency.predecessors.get('b')).toEqual(['a']);
  });
});

describe('cycles', () => {
  it('finds each loop once, as a path from its earliest block', () => {
    const graph = { blocks: blocks('x', 'a', 'b', 'c', 'd', 'e'), edges: edges('x>a', 'a>b', 'b>c', 'c>a', 'c>b', 'd>e', 'e>d', 'x>x') };
    expect(findCycles(graph)).toEqual([
      { path: ['x'], blocks: ['x'] },
      { path: ['a', 'b', 'c'], blocks: ['a', 'b', 'c'] },
      { path: ['d', 'e'], blocks: ['d', 'e'] },
    ]);
    expect(isAcyclic(graph)).toBe(false);
    expect(() => topologicalSort(graph)).toThrow('The graph has a cycle through "x", "a", "b", "c", "d", "e"');
  });

  it('gives blocks on a cycle themselves as upstream', () => {
    const upstream = upstreamOf({ blocks: blocks('s', 'a', 'b', 't'), edges: edges('s>a', 'a>b', 'b>a', 'b>t') });
    expect(upstream.get('a')).toEqual(new Set(['s', 'a', 'b']));
    expect(upstream.get('t')).toEqual(new Set(['s', 'a', 'b']));
  });
});

describe('a chain of 1,000 blocks', () => {
  const ids = Array.from({ length: 1000 }, (_, index) => `b${index}`);
  const chain = { blocks: blocks(...ids), edges: ids.slice(1).map((id, index) => ({ source: ids[index], target: id })) };

  it('sorts, finds no cycle and computes upstream without trouble', () => {
    expect(topologicalSort(chain)).toEqual(ids);
    expect(findCycles(chain)).toEqual([]);
    const upstream = upstreamOf(chain);
    expect(upstream.get('b999')!.size).toBe(999);
    expect(upstream.get('b200')).toEqual(new Set(ids.slice(0, 200)));
  });

  it('finds a cycle closing the whole chain without overflowing the stack', () => {
    const cyclic = { ...chain, edges: [...chain.edges, { source: 'b999', target: 'b0' }] };
    const [cycle] = findCycles(cyclic);
    expect(cycle.path).toEqual(ids);
  });
});
