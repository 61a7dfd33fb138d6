import type { Caller } from '../auth/caller';
import { env } from '../env';
import { llmProviderAliases, llmProviders } from '../llm/models';
import type { ProviderSettingName } from '../llm/settings';
import { listSecretNames } from './credentials';

// The model providers as the editor's model picker offers them, each with the settings this workspace still lacks
// to call it, so the editor can warn before a run rather than fail in it. A setting counts as set when the
// workspace has a credential of that name, or the server shares its own (as `readSetting` reads them); values are
// never read here.

export async function llmProviderStatus(caller: Caller) {
  const credentials = await listSecretNames(caller.workspaceId);
  const shared = env().WEFT_SHARE_SERVER_CREDENTIALS;
  const isSet = (name: ProviderSettingName) => credentials.has(name) || (shared && Boolean(env()[name]?.trim()));
  return {
    /** The provider of a model named without one (`gpt-4o-mini`). */
    default_provider: env().WEFT_DEFAULT_PROVIDER,
    /** Other spellings accepted before the slash (`custom/…`). */
    aliases: { ...llmProviderAliases },
    providers: llmProviders.map((provider) => {
      const missing = provider.settings.filter((setting) => setting.required && !isSet(setting.name)).map((setting) => setting.name);
      // A built-in address is the server's own (a local Ollama): usable only when the server shares its settings.
      if (provider.serverDefault && !shared && !provider.settings.some((setting) => isSet(setting.name))) missing.push(provider.settings[0].name);
      return { id: provider.id, label: provider.label, help: provider.help, models: [...provider.models], missing };
    }),
  };
}

export type LlmProviderStatus = Awaited<ReturnType<typeof llmProviderStatus>>;
