import { afterAll, afterEach, beforeAll, beforeEach, vi } from 'vitest';
import { resetEnvForTests } from '../env';
import { startStandInProvider, type StandInProvider } from './llm-providers';

// The model environment of tests of model blocks: stand-in providers, and provider variables that point at them
// and never at a real key or base URL from the machine running the tests.

const PROVIDER_ENV = [
  'WEFT_DEFAULT_PROVIDER',
  'WEFT_ALLOW_PRIVATE_NETWORK',
  'WEFT_SHARE_SERVER_CREDENTIALS',
  'OPENAI_API_KEY',
  'OPENAI_BASE_URL',
  'ANTHROPIC_API_KEY',
  'ANTHROPIC_BASE_URL',
  'OLLAMA_BASE_URL',
  'OPENAI_COMPATIBLE_BASE_URL',
  'OPENAI_COMPATIBLE_API_KEY',
] as const;

type ProviderEnv = Partial<Record<(typeof PROVIDER_ENV)[number], string>>;

/** Clears every provider variable, then sets these (call in beforeEach; `restoreProviderEnv` in afterEach). */
export function useProviderEnv(values: ProviderEnv = {}): void {
  for (const name of PROVIDER_ENV) vi.stubEnv(name, values[name]);
  resetEnvForTests();
}

export function restoreProviderEnv(): void {
  vi.unstubAllEnvs();
  resetEnvForTests();
}

/** Before each test of the file only the provider variables `values()` gives are set; after it they are restored. */
export function setupProviderEnv(values: () => ProviderEnv): void {
  beforeEach(() => useProviderEnv(values()));
  afterEach(() => restoreProviderEnv());
}

/**
 * A stand-in provider for this test file that answers to `apiKey`, started before its tests and closed after
 * them. Returns a getter because the provider exists only once beforeAll has run.
 */
export function setupStandInProvider(apiKey: string): () => StandInProvider {
  let provider: StandInProvider | undefined;
  beforeAll(async () => {
    provider = await startStandInProvider({ apiKey });
  });
  afterAll(() => provider?.close());
  return () => {
    if (!provider) throw new Error('setupStandInProvider(): the provider starts in beforeAll');
    return provider;
  };
}
