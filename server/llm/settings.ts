import { BlockError, type RunCapabilities } from '../run-capabilities';
import { env, type Env } from '../env';

// Where a provider's key and base URL come from: the workspace's credentials first (Settings → Credentials), then
// the server's environment unless WEFT_SHARE_SERVER_CREDENTIALS=false keeps those for the operator alone. Values
// are secrets: they are handed to the provider client and nowhere else.

/** Every setting a provider reads; each is a workspace credential name and an environment variable. */
export type ProviderSettingName = keyof Pick<
  Env,
  | 'OPENAI_API_KEY'
  | 'OPENAI_BASE_URL'
  | 'ANTHROPIC_API_KEY'
  | 'ANTHROPIC_BASE_URL'
  | 'OLLAMA_BASE_URL'
  | 'OPENAI_COMPATIBLE_BASE_URL'
  | 'OPENAI_COMPATIBLE_API_KEY'
>;

export interface ProviderSetting {
  name: ProviderSettingName;
  value: string;
  /** `workspace`: a credential people of the workspace set; `environment`: set by whoever runs the server. */
  source: 'workspace' | 'environment';
}

export type CredentialReader = Pick<RunCapabilities, 'credential'>;

/**
 * The workspace credential of that name, else (unless `workspaceOnly` or the server does not share its settings)
 * the environment variable, else null. Blank values count as unset.
 */
export async function readSetting(
  context: CredentialReader,
  name: ProviderSettingName,
  options: { workspaceOnly?: boolean } = {},
): Promise<ProviderSetting | null> {
  const stored = (await context.credential(name))?.trim();
  if (stored) return { name, value: stored, source: 'workspace' };
  if (options.workspaceOnly || !env().WEFT_SHARE_SERVER_CREDENTIALS) return null;
  const fromEnv = env()[name]?.trim();
  if (fromEnv) return { name, value: fromEnv, source: 'environment' };
  return null;
}

/** Where a person can set a credential, as every missing-credential message says it. */
function whereToSet(name: string): string {
  return env().WEFT_SHARE_SERVER_CREDENTIALS
    ? `Set ${name} in Settings → Credentials, or in the server's environment.`
    : `Set ${name} in Settings → Credentials.`;
}

export function missingCredentialError(name: string, needs: string): BlockError {
  return new BlockError(`${needs} ${whereToSet(name)}`, 'missing_credential', false);
}

/** Like `readSetting`, but a missing value fails the block with a message naming the credential. */
export async function requireSetting(context: CredentialReader, name: ProviderSettingName, needs: string): Promise<ProviderSetting> {
  const setting = await readSetting(context, name);
  if (!setting) throw missingCredentialError(name, needs);
  return setting;
}
