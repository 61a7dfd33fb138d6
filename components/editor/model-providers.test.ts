import { describe, expect, it } from 'vitest';
import { blockCatalog } from '@/server/services/block-catalog';
import { blocksMissingKeys, listedModelOption, providerOfModel, type ProviderStatus } from './model-providers';
import type { BlockNode } from './types';

// The model picker and the run dialog read a block's model string the way the engine does, and warn about exactly
// the blocks whose provider has no key.

const catalog = new Map(blockCatalog().blocks.map((entry) => [entry.type, entry]));

const status: ProviderStatus = {
  default_provider: 'openai',
  aliases: { custom: 'openai-compatible' },
  providers: [
    { id: 'openai', label: 'OpenAI', help: '', models: ['gpt-4o-mini', 'gpt-4o'], missing: ['OPENAI_API_KEY'] },
    { id: 'anthropic', label: 'Anthropic', help: '', models: ['claude-sonnet-4-5'], missing: [] },
    { id: 'openai-compatible', label: 'OpenAI-compatible server', help: '', models: [], missing: ['OPENAI_COMPATIBLE_BASE_URL'] },
  ],
};

function node(id: string, type: string, config: Record<string, unknown>, name: string | null = null): BlockNode {
  return { id, type: 'block', position: { x: 0, y: 0 }, data: { type, name, config } };
}

describe('providerOfModel', () => {
  it('reads the provider before the slash, an alias, or the default provider for a bare name', () => {
    expect(providerOfModel('anthropic/claude-sonnet-4-5', status)).toMatchObject({ provider: { id: 'anthropic' }, modelId: 'claude-sonnet-4-5' });
    expect(providerOfModel('Custom/my-model', status)).toMatchObject({ provider: { id: 'openai-compatible' }, modelId: 'my-model' });
    expect(providerOfModel('gpt-4o', status)).toMatchObject({ provider: { id: 'openai' }, modelId: 'gpt-4o' });
    // A slash that names no provider is part of the default provider's model name, as the engine reads it.
    expect(providerOfModel('meta-llama/Llama-3.1-8B', status)).toMatchObject({ provider: { id: 'openai' }, modelId: 'meta-llama/Llama-3.1-8B' });
    expect(providerOfModel('constructor/x', status).provider?.id).toBe('openai');
  });
});

describe('listedModelOption', () => {
  it('finds the listed model a string names, however it is spelled; other names are custom', () => {
    expect(listedModelOption('gpt-4o-mini', status)).toBe('openai/gpt-4o-mini');
    expect(listedModelOption(' anthropic/claude-sonnet-4-5 ', status)).toBe('anthropic/claude-sonnet-4-5');
    expect(listedModelOption('openai/gpt-99', status)).toBeNull();
    expect(listedModelOption('custom/my-model', status)).toBeNull();
  });
});

describe('blocksMissingKeys', () => {
  it('lists the model blocks whose provider lacks a key, by name, and no others', () => {
    const nodes = [
      node('llm_1', 'llm', { model: 'gpt-4o-mini', prompt: 'hi' }, 'Summarize'),
      node('agent_1', 'agent', { model: 'anthropic/claude-sonnet-4-5', prompt: 'hi' }),
      node('llm_2', 'llm', { prompt: 'no model set: the default one' }),
      node('code', 'code', { code: 'return 1' }),
    ];
    expect(blocksMissingKeys(nodes, catalog, status)).toEqual([
      { blockId: 'llm_1', name: 'Summarize', provider: 'OpenAI', missing: ['OPENAI_API_KEY'] },
      { blockId: 'llm_2', name: 'llm_2', provider: 'OpenAI', missing: ['OPENAI_API_KEY'] },
    ]);
  });
});
