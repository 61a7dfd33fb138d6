// The language model providers Weft speaks to and a short, hand-picked list of models per provider for the
// editor's model picker. Never fetched from the internet: any other model name can be typed as free text.

import { llmProviderIds } from '../env';
import type { ProviderSettingName } from './settings';

export { llmProviderIds };

/**
 * How a model string names its provider: `provider/model`. `openai` uses OpenAI's Responses API (what the AI SDK
 * uses by default); `openai-chat` the same models through the Chat Completions API.
 */
export type LlmProviderId = (typeof llmProviderIds)[number];

/** Other spellings accepted before the slash. */
export const llmProviderAliases: Readonly<Record<string, LlmProviderId>> = {
  custom: 'openai-compatible',
};

export interface LlmProviderInfo {
  id: LlmProviderId;
  label: string;
  /** What the editor shows under the provider's models. */
  help: string;
  /** Model names offered in the picker; the first is the suggestion. Any other name may be typed. */
  models: readonly string[];
  /** Credentials (Settings → Credentials) or environment variables the provider reads. */
  settings: readonly { name: ProviderSettingName; required: boolean }[];
  /** Reached at a built-in address on the server's side when no setting is given (only if the server shares its settings). */
  serverDefault?: boolean;
}

/** The Responses and Chat Completions providers reach the same OpenAI account. */
const openaiSettings = [
  { name: 'OPENAI_API_KEY', required: true },
  { name: 'OPENAI_BASE_URL', required: false },
] as const;

export const llmProviders: readonly LlmProviderInfo[] = [
  {
    id: 'openai',
    label: 'OpenAI',
    help: 'OpenAI through its Responses API.',
    models: ['gpt-4o-mini', 'gpt-4o', 'gpt-4.1-mini', 'gpt-4.1', 'gpt-5-mini', 'gpt-5'],
    settings: openaiSettings,
  },
  {
    id: 'openai-chat',
    label: 'OpenAI (Chat Completions)',
    help: 'The same OpenAI models through the older Chat Completions API, e.g. for proxies that only speak it.',
    models: ['gpt-4o-mini', 'gpt-4o', 'gpt-4.1-mini', 'gpt-4.1'],
    settings: openaiSettings,
  },
  {
    id: 'anthropic',
    label: 'Anthropic',
    help: 'Claude models through the Anthropic Messages API.',
    models: ['claude-sonnet-4-5', 'claude-haiku-4-5', 'claude-opus-4-1'],
    settings: [
      { name: 'ANTHROPIC_API_KEY', required: true },
      { name: 'ANTHROPIC_BASE_URL', required: false },
    ],
  },
  {
    id: 'ollama',
    label: 'Ollama',
    help: 'Models served by a local Ollama (http://localhost:11434/v1 unless OLLAMA_BASE_URL says otherwise).',
    models: ['llama3.2', 'qwen2.5', 'mistral', 'gemma3'],
    settings: [{ name: 'OLLAMA_BASE_URL', required: false }],
    serverDefault: true,
  },
  {
    id: 'openai-compatible',
    label: 'OpenAI-compatible server',
    help: 'Any server speaking the OpenAI Chat Completions API: vLLM, LM Studio, gateways. Type the model name it serves.',
    models: [],
    settings: [
      { name: 'OPENAI_COMPATIBLE_BASE_URL', required: true },
      { name: 'OPENAI_COMPATIBLE_API_KEY', required: false },
    ],
  },
];
