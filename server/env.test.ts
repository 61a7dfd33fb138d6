import { afterEach, describe, expect, it } from 'vitest';
import { env, resetEnvForTests } from './env';

describe('environment', () => {
  afterEach(() => {
    delete process.env.OPENAI_BASE_URL;
    delete process.env.WEFT_MAX_BODY_BYTES;
    delete process.env.WEFT_EXECUTION_MODE;
    resetEnvForTests();
  });

  it('refuses queue mode without PostgreSQL, saying what to set', () => {
    process.env.WEFT_EXECUTION_MODE = 'queue';
    delete process.env.DATABASE_URL;
    resetEnvForTests();
    expect(() => env()).toThrow(/WEFT_EXECUTION_MODE: queue mode needs PostgreSQL: set DATABASE_URL/);
  });

  it('treats an empty variable as unset, also for libraries that read process.env themselves', () => {
    process.env.OPENAI_BASE_URL = '';
    process.env.WEFT_MAX_BODY_BYTES = '';
    resetEnvForTests();
    expect(env().OPENAI_BASE_URL).toBeUndefined();
    expect(env().WEFT_MAX_BODY_BYTES).toBe(1024 * 1024);
    expect('OPENAI_BASE_URL' in process.env).toBe(false);
  });
});
