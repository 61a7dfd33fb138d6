import { afterEach, describe, expect, it } from 'vitest';
import { env, resetEnvForTests } from './env';

describe('environment', () => {
  afterEach(() => {
    delete process.env.OPENAI_BASE_URL;
    delete process.env.WEFT_MAX_BODY_BYTES;
    resetEnvForTests();
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
