import { describe, expect, it } from 'vitest';
import type { Graph } from '@/lib/graph/schema';
import { workflowGraphProblems } from './graph-validation';

// Runs validate the graph they run; the answers are remembered per graph, and must stay the validator's answers.

const graph = (code: string): Graph => ({
  blocks: [
    { id: 'input', type: 'input', config: {}, position: { x: 0, y: 0 } },
    { id: 'c1', type: 'code', config: { code }, position: { x: 0, y: 0 } },
    { id: 'output', type: 'output', config: {}, position: { x: 0, y: 0 } },
  ],
  edges: [
    { source: 'input', target: 'c1' },
    { source: 'c1', target: 'output' },
  ],
});

describe('workflowGraphProblems', () => {
  it('answers the same graph the same way each time, and another graph its own way', () => {
    expect(workflowGraphProblems(graph('return 1;'))).toEqual([]);
    const broken = workflowGraphProblems(graph('return {'));
    expect(broken).toEqual([expect.objectContaining({ block_id: 'c1', message: expect.stringMatching(/SyntaxError/) })]);
    expect(workflowGraphProblems(graph('return {'))).toEqual(broken);
    expect(workflowGraphProblems(graph('return 1;'))).toEqual([]);
  });

  it('hands out problems a caller may change without changing the next answer', () => {
    const first = workflowGraphProblems(graph('return ]'));
    first[0].message = 'changed';
    expect(workflowGraphProblems(graph('return ]'))[0].message).toMatch(/SyntaxError/);
  });
});
