import { SecretRedactor } from '../engine/redactor';
import { env } from '../env';
import { readAllCredentialValues } from './credentials';

/** The server's own provider keys: a block may use them, so a model may echo them. */
const SERVER_KEYS = ['OPENAI_API_KEY', 'ANTHROPIC_API_KEY', 'OPENAI_COMPATIBLE_API_KEY'] as const;

/** What an execution of this workspace must never show: its credentials and the server's provider keys. */
export async function executionRedactor(workspaceId: string): Promise<SecretRedactor> {
  const settings = env();
  return new SecretRedactor([...(await readAllCredentialValues(workspaceId)), ...SERVER_KEYS.map((name) => settings[name])]);
}
