import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setupTestDatabase } from '../test/database';
import { twoWorkspaces, type TestWorkspace } from '../test/fixtures';
import { restoreProviderEnv, useProviderEnv } from '../test/llm-env';
import { setCredential } from './credentials';
import { llmProviderStatus } from './llm-providers';

// What the model picker is told: each provider's models and the settings the workspace still lacks to call it.

setupTestDatabase();
let ws: TestWorkspace;
let other: TestWorkspace;

beforeAll(async () => ([ws, other] = await twoWorkspaces('Providers', 'Other providers')));
afterEach(restoreProviderEnv);

async function missing(workspace: TestWorkspace) {
  const status = await llmProviderStatus(workspace.callerFor('viewer'));
  return Object.fromEntries(status.providers.map((provider) => [provider.id, provider.missing]));
}

describe('llmProviderStatus', () => {
  it('names the key each hosted provider lacks, and offers its models', async () => {
    useProviderEnv();
    const status = await llmProviderStatus(ws.callerFor('viewer'));
    expect(status.default_provider).toBe('openai');
    expect(status.providers.find((provider) => provider.id === 'anthropic')?.models).toContain('claude-sonnet-4-5');
    expect(await missing(ws)).toEqual({
      openai: ['OPENAI_API_KEY'],
      'openai-chat': ['OPENAI_API_KEY'],
      anthropic: ['ANTHROPIC_API_KEY'],
      ollama: [],
      'openai-compatible': ['OPENAI_COMPATIBLE_BASE_URL'],
    });
  });

  it("counts the workspace's own credential, and only for that workspace", async () => {
    useProviderEnv();
    await setCredential(ws.owner, { name: 'ANTHROPIC_API_KEY', value: 'sk-ant-test' });
    expect((await missing(ws)).anthropic).toEqual([]);
    expect((await missing(other)).anthropic).toEqual(['ANTHROPIC_API_KEY']);
  });

  it("counts the server's key only while the server shares it; Ollama's built-in address likewise", async () => {
    useProviderEnv({ OPENAI_API_KEY: 'sk-server' });
    expect((await missing(other)).openai).toEqual([]);
    useProviderEnv({ OPENAI_API_KEY: 'sk-server', WEFT_SHARE_SERVER_CREDENTIALS: 'false' });
    const unshared = await missing(other);
    expect(unshared.openai).toEqual(['OPENAI_API_KEY']);
    expect(unshared.ollama).toEqual(['OLLAMA_BASE_URL']);
  });
});
