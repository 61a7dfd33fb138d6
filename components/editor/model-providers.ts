import { splitModelString } from '@/lib/llm/model-string';
import type { LlmProviderStatus } from '@/server/services/llm-providers';
import { getAtPath } from './graph';
import type { BlockNode, CatalogBlock, FieldHint } from './types';

// Which provider a block's model string names, and which model-driven blocks of the canvas cannot run because
// their provider lacks a key in this workspace. Pure, so the picker and the run dialog agree, and tests see it.

export type ProviderStatus = LlmProviderStatus;
export type ProviderEntry = LlmProviderStatus['providers'][number];

/** The provider a model string names (its prefix or the default provider), with the model id as that provider knows it. */
export function providerOfModel(model: string, status: ProviderStatus): { provider: ProviderEntry | undefined; modelId: string } {
  const ids = new Set(status.providers.map((provider) => provider.id as string));
  const known = (prefix: string) => (ids.has(prefix) ? prefix : Object.hasOwn(status.aliases, prefix) ? status.aliases[prefix] : null);
  const { provider, modelId } = splitModelString<string>(model, known, status.default_provider);
  return { provider: status.providers.find((entry) => entry.id === provider), modelId };
}

/** The picker's option for a model string (`provider/model` of a listed model), or null: a custom name. */
export function listedModelOption(model: string, status: ProviderStatus): string | null {
  const { provider, modelId } = providerOfModel(model, status);
  return provider && provider.models.includes(modelId) ? `${provider.id}/${modelId}` : null;
}

export interface BlockMissingKey {
  blockId: string;
  name: string;
  provider: string;
  missing: string[];
}

/** Every block whose model field names a provider this workspace cannot call yet, with what it lacks. */
export function blocksMissingKeys(nodes: readonly BlockNode[], catalog: ReadonlyMap<string, CatalogBlock>, status: ProviderStatus): BlockMissingKey[] {
  const found: BlockMissingKey[] = [];
  for (const node of nodes) {
    const definition = catalog.get(node.data.type);
    if (!definition) continue;
    for (const [path, hint] of Object.entries(definition.fieldHints as Record<string, FieldHint>)) {
      if (hint.widget !== 'model') continue;
      const value = getAtPath(node.data.config, path) ?? getAtPath(definition.defaultConfig, path);
      if (typeof value !== 'string' || value.trim() === '') continue;
      const { provider } = providerOfModel(value, status);
      if (provider && provider.missing.length > 0) found.push({ blockId: node.id, name: node.data.name || node.id, provider: provider.label, missing: provider.missing });
    }
  }
  return found;
}
