import { beforeAll, describe, expect, it } from 'vitest';
import type { Graph } from '@/lib/graph/schema';
import { setupTestDatabase } from '../test/database';
import { createTestWorkspace, type TestWorkspace } from '../test/fixtures';
import { setCredential } from './credentials';
import { workflowGraphProblems } from './graph-validation';

// Runs validate the graph they run; the answers are remembered per graph and the workspace's secret names, and
// must stay the validator's answers.

setupTestDatabase();
let ws: TestWorkspace;

beforeAll(async () => {
  ws = await createTestWorkspace('Validation');
});

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
  it('answers the same graph the same way each time, and another graph its own way', async () => {
    expect(await workflowGraphProblems(graph('return 1;'), ws.id)).toEqual([]);
    const broken = await workflowGraphProblems(graph('return {'), ws.id);
    expect(broken).toEqual([expect.objectContaining({ block_id: 'c1', message: expect.stringMatching(/SyntaxError/) })]);
    expect(await workflowGraphProblems(graph('return {'), ws.id)).toEqual(broken);
    expect(await workflowGraphProblems(graph('return 1;'), ws.id)).toEqual([]);
  });

  it('hands out problems a caller may change without changing the next answer', async () => {
    const first = await workflowGraphProblems(graph('return ]'), ws.id);
    first[0].message = 'changed';
    expect((await workflowGraphProblems(graph('return ]'), ws.id))[0].message).toMatch(/SyntaxError/);
  });

  it('answers again once the workspace gains the secret a graph names', async () => {
    const usesSecret = graph('return secrets.SHIPPING_TOKEN.length;');
    expect(await workflowGraphProblems(usesSecret, ws.id)).toEqual([expect.objectContaining({ block_id: 'c1' })]);
    await setCredential(ws.owner, { name: 'SHIPPING_TOKEN', value: 'tok_live_123456' });
    expect(await workflowGraphProblems(usesSecret, ws.id)).toEqual([]);
  });

  it('checks the secrets a template names against the workspace, and answers again once it gains them', async () => {
    const templated: Graph = {
      blocks: [
        { id: 'input', type: 'input', config: {}, position: { x: 0, y: 0 } },
        { id: 'call', type: 'http', config: { url: 'https://example.com', headers: { Authorization: 'Bearer {{secrets.BILLING_KEY}}' } }, position: { x: 0, y: 0 } },
        { id: 'output', type: 'output', config: {}, position: { x: 0, y: 0 } },
      ],
      edges: [
        { source: 'input', target: 'call' },
        { source: 'call', target: 'output' },
      ],
    };
    expect(await workflowGraphProblems(templated, ws.id)).toEqual([expect.objectContaining({ block_id: 'call', message: expect.stringMatching(/BILLING_KEY/) })]);
    await setCredential(ws.owner, { name: 'BILLING_KEY', value: 'key_live_123456' });
    expect(await workflowGraphProblems(templated, ws.id)).toEqual([]);
  });
});
