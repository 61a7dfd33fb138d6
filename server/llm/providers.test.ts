import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseModelString } from './providers';
import { restoreProviderEnv, useProviderEnv } from '@/server/test/llm-env';

describe('model strings', () => {
  beforeEach(() => useProviderEnv());
  afterEach(() => restoreProviderEnv());

  it('reads provider/model', () => {
    expect(parseModelString('openai/gpt-4o-mini')).toEqual({ provider: 'openai', modelId: 'gpt-4o-mini' });
    expect(parseModelString('openai-chat/gpt-4o')).toEqual({ provider: 'openai-chat', modelId: 'gpt-4o' });
    expect(parseModelString('anthropic/claude-sonnet-4-5')).toEqual({ provider: 'anthropic', modelId: 'claude-sonnet-4-5' });
    expect(parseModelString('ollama/llama3.2:3b')).toEqual({ provider: 'ollama', modelId: 'llama3.2:3b' });
    expect(parseModelString(' Anthropic/claude-haiku-4-5 ')).toEqual({ provider: 'anthropic', modelId: 'claude-haiku-4-5' });
  });

  it('keeps slashes inside the model name and accepts custom/ for openai-compatible', () => {
    expect(parseModelString('openai-compatible/meta-llama/Llama-3.1-8B')).toEqual({ provider: 'openai-compatible', modelId: 'meta-llama/Llama-3.1-8B' });
    expect(parseModelString('custom/qwen2.5')).toEqual({ provider: 'openai-compatible', modelId: 'qwen2.5' });
  });

  it('gives a bare name, or one whose prefix is no provider, to the default provider', () => {
    expect(parseModelString('gpt-4o-mini')).toEqual({ provider: 'openai', modelId: 'gpt-4o-mini' });
    expect(parseModelString('meta-llama/Llama-3.1-8B', 'openai-compatible')).toEqual({ provider: 'openai-compatible', modelId: 'meta-llama/Llama-3.1-8B' });
    useProviderEnv({ WEFT_DEFAULT_PROVIDER: 'ollama' });
    expect(parseModelString('llama3.2')).toEqual({ provider: 'ollama', modelId: 'llama3.2' });
  });

  it('refuses a provider with no model', () => {
    expect(() => parseModelString('openai/')).toThrow(expect.objectContaining({ code: 'invalid_model' }) as Error);
  });
});
