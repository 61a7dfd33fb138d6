import { vi } from 'vitest';
import { resetEnvForTests } from '../env';

// Tests of model blocks must not pick up a real key or base URL from the machine running them.

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

/** Clears every provider variable, then sets these (call in beforeEach; `restoreProviderEnv` in afterEach). */
export function useProviderEnv(values: Partial<Record<(typeof PROVIDER_ENV)[number], string>> = {}): void {
  for (const name of PROVIDER_ENV) vi.stubEnv(name, values[name]);
  resetEnvForTests();
}

export function restoreProviderEnv(): void {
  vi.unstubAllEnvs();
  resetEnvForTests();
}
