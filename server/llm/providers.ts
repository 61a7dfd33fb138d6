import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { LanguageModel } from 'ai';
import { splitModelString } from '@/lib/llm/model-string';
import { BlockError } from '../run-capabilities';
import { env } from '../env';
import { createGuardedFetch, NetworkError } from '../net';
import { checkAddress, resolveWithDns, type AddressPolicy } from '../net/guarded-lookup';
import { llmProviderAliases, llmProviderIds, type LlmProviderId } from './models';
import { missingCredentialError, readSetting, requireSetting, type CredentialReader, type ProviderSetting, type ProviderSettingName } from './settings';

// From a block's model string (`openai/gpt-4o-mini`, `claude-sonnet-4-5` with a default provider…) to an AI SDK
// model with its key and base URL, plus what the rest of server/llm needs to know about it.

/** Where a keyed provider is reached when no base URL is set. */
const DEFAULT_BASE_URLS = {
  OPENAI_BASE_URL: 'https://api.openai.com/v1',
  ANTHROPIC_BASE_URL: 'https://api.anthropic.com/v1',
} as const;
type KeyedBaseUrlName = keyof typeof DEFAULT_BASE_URLS;
const OLLAMA_DEFAULT_BASE_URL = 'http://localhost:11434/v1';

export interface ModelRef {
  provider: LlmProviderId;
  /** The model name as the provider knows it (may itself contain slashes, e.g. `meta-llama/Llama-3.1-8B`). */
  modelId: string;
}

export interface ResolvedModel extends ModelRef {
  model: LanguageModel;
  /** `provider/model`, as block outputs and logs name it. */
  name: string;
  /** Who answers, for messages: `OpenAI`, `Anthropic`, `Ollama`, `the OpenAI-compatible server`. */
  providerLabel: string;
  /** The credential holding the key, if the provider uses one. */
  keyName: string | null;
  /** Values that must never appear in a log, event, output or error (the key). */
  secrets: string[];
  /** Whether the provider has a JSON mode the AI SDK can switch on without a schema. */
  supportsJsonMode: boolean;
}

const PROVIDER_LABELS: Record<LlmProviderId, string> = {
  openai: 'OpenAI',
  'openai-chat': 'OpenAI',
  anthropic: 'Anthropic',
  ollama: 'Ollama',
  'openai-compatible': 'The OpenAI-compatible server',
};

function knownProvider(prefix: string): LlmProviderId | null {
  if ((llmProviderIds as readonly string[]).includes(prefix)) return prefix as LlmProviderId;
  return Object.hasOwn(llmProviderAliases, prefix) ? llmProviderAliases[prefix] : null;
}

/** The provider and model a block's model string names (see `splitModelString`); a string naming no model fails. */
export function parseModelString(model: string, defaultProvider: LlmProviderId = env().WEFT_DEFAULT_PROVIDER): ModelRef {
  const ref = splitModelString(model, knownProvider, defaultProvider);
  if (!ref.modelId) {
    throw new BlockError(`"${model}" names no model: write provider/model, e.g. openai/gpt-4o-mini`, 'invalid_model', false);
  }
  return ref;
}

function parseBaseUrl(setting: ProviderSetting): URL {
  let url: URL;
  try {
    url = new URL(setting.value);
  } catch {
    throw new BlockError(`${setting.name} is not a valid URL`, 'invalid_base_url', false);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new BlockError(`${setting.name} must be an http:// or https:// URL`, 'invalid_base_url', false);
  }
  return url;
}

/** Which addresses count as private; tests declare their loopback server public. */
export interface ResolveModelOptions {
  isBlocked?: AddressPolicy['isBlocked'];
}

/**
 * A base URL set by people of the workspace is user input: like the http block, it may only point at a public
 * address unless the server allows private networks. (One the server's operator set in the environment is trusted.)
 * This early check gives a clear error before any call; `providerFetch` is what guards every connection.
 */
async function checkWorkspaceBaseUrl(setting: ProviderSetting, options: ResolveModelOptions): Promise<void> {
  if (setting.source !== 'workspace' || env().WEFT_ALLOW_PRIVATE_NETWORK) return;
  const url = parseBaseUrl(setting);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  try {
    const addresses = await resolveWithDns(host);
    for (const { address } of addresses) checkAddress(host, address, { allowPrivateNetwork: false, isBlocked: options.isBlocked });
  } catch (error) {
    if (error instanceof NetworkError) throw new BlockError(`${setting.name}: ${error.message}`, 'blocked_address', false);
    throw new BlockError(`${setting.name}: could not resolve ${host}`, 'llm_network_error', true);
  }
}

/**
 * The fetch the provider client uses. Calls to a workspace's base URL go through the guarded fetch (every redirect
 * hop and every DNS answer checked at connect time, as the http block does); calls to the provider's default
 * address or to a base URL the operator set in the environment (a local Ollama, say) use the plain fetch, since
 * the operator chose them.
 */
function providerFetch(baseUrl: ProviderSetting | null, options: ResolveModelOptions): typeof fetch | undefined {
  if (baseUrl?.source !== 'workspace') return undefined;
  return createGuardedFetch({ allowPrivateNetwork: env().WEFT_ALLOW_PRIVATE_NETWORK, isBlocked: options.isBlocked });
}

/**
 * The base URL and the key must come from the same place when the URL is the workspace's: the server's own key
 * is only ever sent to the server's own (or the provider's default) address.
 */
function checkPairing(baseUrl: ProviderSetting | null, key: ProviderSetting | null, keyName: string): void {
  if (baseUrl?.source === 'workspace' && key?.source === 'environment') {
    throw new BlockError(
      `${baseUrl.name} is set in this workspace's credentials, so ${keyName} must be too: the server's own key is only sent to the server's own address. Set ${keyName} in Settings → Credentials.`,
      'missing_credential',
      false,
    );
  }
}

function baseUrlOf(setting: ProviderSetting | null, fallback: string): string {
  return (setting ? parseBaseUrl(setting).href : fallback).replace(/\/+$/, '');
}

/**
 * A hosted provider's required key and the client settings to reach it: its default address unless a base URL is
 * set, and only with a key from the same place as that base URL.
 */
async function keyedClientSettings(
  context: CredentialReader,
  options: ResolveModelOptions,
  [keyName, baseUrlName]: readonly [ProviderSettingName, KeyedBaseUrlName],
  needs: string,
) {
  const key = await requireSetting(context, keyName, needs);
  const baseUrl = await readSetting(context, baseUrlName);
  checkPairing(baseUrl, key, keyName);
  if (baseUrl) await checkWorkspaceBaseUrl(baseUrl, options);
  const client = { apiKey: key.value, baseURL: baseUrlOf(baseUrl, DEFAULT_BASE_URLS[baseUrlName]), fetch: providerFetch(baseUrl, options) };
  return { key, client };
}

/** Resolves a block's model string to a ready model, reading keys and base URLs (workspace first, then environment). */
export async function resolveModel(modelString: string, context: CredentialReader, options: ResolveModelOptions = {}): Promise<ResolvedModel> {
  const ref = parseModelString(modelString);
  const name = `${ref.provider}/${ref.modelId}`;
  const base = { ...ref, name, providerLabel: PROVIDER_LABELS[ref.provider] };

  switch (ref.provider) {
    case 'openai':
    case 'openai-chat': {
      const { key, client } = await keyedClientSettings(context, options, ['OPENAI_API_KEY', 'OPENAI_BASE_URL'], `${name} needs an OpenAI API key.`);
      const openai = createOpenAI(client);
      const model = ref.provider === 'openai' ? openai.responses(ref.modelId) : openai.chat(ref.modelId);
      return { ...base, model, keyName: key.name, secrets: [key.value], supportsJsonMode: true };
    }
    case 'anthropic': {
      const { key, client } = await keyedClientSettings(context, options, ['ANTHROPIC_API_KEY', 'ANTHROPIC_BASE_URL'], `${name} needs an Anthropic API key.`);
      const anthropic = createAnthropic(client);
      // Anthropic has no schema-less JSON mode: the AI SDK would only warn and ignore it; the instruction does the work.
      return { ...base, model: anthropic(ref.modelId), keyName: key.name, secrets: [key.value], supportsJsonMode: false };
    }
    case 'ollama': {
      const baseUrl = await readSetting(context, 'OLLAMA_BASE_URL');
      // The built-in address is the server's own Ollama: a server setting like any other.
      if (!baseUrl && !env().WEFT_SHARE_SERVER_CREDENTIALS) throw missingCredentialError('OLLAMA_BASE_URL', `${name} needs the address of an Ollama server.`);
      if (baseUrl) await checkWorkspaceBaseUrl(baseUrl, options);
      const ollama = createOpenAICompatible({
        name: 'ollama',
        baseURL: baseUrlOf(baseUrl, OLLAMA_DEFAULT_BASE_URL),
        fetch: providerFetch(baseUrl, options),
        includeUsage: true,
      });
      return { ...base, model: ollama(ref.modelId), keyName: null, secrets: [], supportsJsonMode: true };
    }
    case 'openai-compatible': {
      const baseUrl = await requireSetting(
        context,
        'OPENAI_COMPATIBLE_BASE_URL',
        `${name} needs the address of an OpenAI-compatible server (e.g. http://localhost:8000/v1).`,
      );
      // The key is optional here, so a workspace's own server simply gets no key from the environment.
      const key = await readSetting(context, 'OPENAI_COMPATIBLE_API_KEY', { workspaceOnly: baseUrl.source === 'workspace' });
      await checkWorkspaceBaseUrl(baseUrl, options);
      const server = createOpenAICompatible({
        name: 'openai-compatible',
        baseURL: baseUrlOf(baseUrl, ''),
        apiKey: key?.value,
        fetch: providerFetch(baseUrl, options),
        includeUsage: true,
      });
      // Servers differ on `response_format: json_object` (some reject it), so JSON is asked for by instruction only.
      return { ...base, model: server(ref.modelId), keyName: key ? key.name : null, secrets: key ? [key.value] : [], supportsJsonMode: false };
    }
  }
}
