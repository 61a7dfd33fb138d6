import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { summarize } from '@/lib/blocks/summary';
import type { Graph } from '@/lib/graph/schema';
import { runGraph } from '../engine/run-graph';
import { block, edge, graph, inputBlock, outputBlock } from '@/server/test/graphs';
import { validateGraph } from '../graph/validate';
import { blockCatalog } from '../services/block-catalog';
import { getBlockDefinition, registerBlockTypeForTest } from './registry';
import { defineBlock } from './types';

// "A new block type is one file and one line": a block type written here, and nowhere else, shows up in the
// palette, validates, runs and branches. Registering it for the test stands in for the one line in registry.ts.

const pickBlock = defineBlock({
  type: 'pick',
  label: 'Pick',
  description: 'Continues down the branches its config names.',
  icon: 'git-branch',
  category: 'logic',
  config: {
    branches: z.array(z.enum(['left', 'right'])).min(1),
  },
  sourceHandles: [
    { id: 'left', label: 'Left way', tone: 'info' },
    { id: 'right', label: 'Right way', tone: 'warning' },
  ],
  branch: { outputField: 'picked' },
  summary: { parts: [{ field: 'branches', prefix: 'takes ' }], empty: 'takes nothing' },
  outputs: { fields: ['picked'] },
  defaults: { branches: ['left'] },
  async run({ config }) {
    return { picked: config.branches };
  },
  fieldHints: { branches: { widget: 'json', label: 'Branches' } },
});

let unregister: () => void;
beforeAll(() => {
  unregister = registerBlockTypeForTest(pickBlock);
});
afterAll(() => unregister());

/** input → pick → left / right → an output each. */
function picking(config: Record<string, unknown>): Graph {
  return graph(
    [inputBlock(), block('choose', 'pick', config), outputBlock('went_left', { value: 'left' }), outputBlock('went_right', { value: 'right' })],
    [edge('input', 'choose'), edge('choose', 'went_left', { sourceHandle: 'left' }), edge('choose', 'went_right', { sourceHandle: 'right' })],
  );
}

async function run(g: Graph) {
  const skipped: string[] = [];
  const result = await runGraph({
    executionId: 'exec',
    workspaceId: 'ws',
    graph: g,
    input: {},
    signal: new AbortController().signal,
    emit: (event) => {
      if (event.type === 'block_skipped') skipped.push(event.block_id);
    },
    onBlockFinished: async () => undefined,
    credential: async () => null,
    describeWorkflow: async () => null,
    checkModelBudget: async () => null,
    mcpServer: async () => null,
    runWorkflow: async () => {
      throw new Error('no workflows in this test');
    },
  });
  return { result, skipped };
}

describe('a block type defined in one file', () => {
  it('appears in the catalog the editor draws from: palette entry, handles, output fields and summary', () => {
    const entry = blockCatalog().blocks.find((candidate) => candidate.type === 'pick');
    expect(entry).toMatchObject({
      label: 'Pick',
      icon: 'git-branch',
      category: 'logic',
      role: 'normal',
      targetHandles: [{ id: null, label: null, tone: 'neutral' }],
      sourceHandles: [
        { id: 'left', label: 'Left way', tone: 'info' },
        { id: 'right', label: 'Right way', tone: 'warning' },
      ],
      branch: { outputField: 'picked' },
      outputs: { fields: ['picked'] },
      defaultConfig: { branches: ['left'] },
    });
    expect(summarize(entry!.summary, { branches: ['left', 'right'] })).toBe('takes ["left","right"]');
    expect(summarize(entry!.summary, {})).toBe('takes nothing');
  });

  it('validates: a good graph passes, its config problems and wrong handles are reported', () => {
    expect(validateGraph(picking({ branches: ['left'] }))).toEqual([]);

    const bad = picking({ branches: ['up'] });
    bad.edges[1].sourceHandle = 'middle';
    const problems = validateGraph(bad);
    expect(problems).toContainEqual(expect.objectContaining({ block_id: 'choose', field: 'config.branches.0' }));
    expect(problems).toContainEqual(
      expect.objectContaining({ block_id: 'choose', field: 'sourceHandle', message: expect.stringContaining('"left" or "right"') }),
    );
  });

  it('runs, and takes only the branch its output names: the other is skipped', async () => {
    const { result, skipped } = await run(picking({ branches: ['right'] }));
    expect(result).toMatchObject({ status: 'completed', output: 'right', blockOutputs: { choose: { picked: ['right'] } } });
    expect(skipped).toEqual(['went_left']);
  });

  it('can take several branches at once', async () => {
    const { result, skipped } = await run(picking({ branches: ['left', 'right'] }));
    expect(result).toMatchObject({ status: 'completed', output: { went_left: 'left', went_right: 'right' } });
    expect(skipped).toEqual([]);
  });

  it('is registered for tests only, once, until the test removes it again', () => {
    expect(() => registerBlockTypeForTest(pickBlock)).toThrow(/already registered/);
    const vitest = process.env.VITEST;
    delete process.env.VITEST;
    try {
      expect(() => registerBlockTypeForTest({ ...pickBlock, type: 'other' })).toThrow(/tests only/);
    } finally {
      process.env.VITEST = vitest;
    }
    unregister();
    expect(getBlockDefinition('pick')).toBeUndefined();
    expect(blockCatalog().blocks.map((entry) => entry.type)).not.toContain('pick');
    unregister = registerBlockTypeForTest(pickBlock);
  });
});
