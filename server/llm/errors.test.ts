import { APICallError } from 'ai';
import { describe, expect, it } from 'vitest';
import { BlockError } from '../run-capabilities';
import { MAX_RETRY_AFTER_MS, providerError, retryAfterMs, scrubDeep, scrubSecrets } from './errors';

const context = { providerLabel: 'OpenAI', keyName: 'OPENAI_API_KEY', secrets: ['my-secret-key-value'] };

function apiError(statusCode: number | undefined, message: string, responseHeaders?: Record<string, string>) {
  return new APICallError({ message, url: 'https://api.openai.com/v1/responses', requestBodyValues: {}, statusCode, responseHeaders });
}

describe('scrubbing', () => {
  it('removes the secret and anything shaped like a key from messages', () => {
    expect(scrubSecrets('bad key my-secret-key-value here', ['my-secret-key-value'])).toBe('bad key [redacted] here');
    expect(scrubSecrets('Incorrect API key provided: sk-proj-****************abcd.', [])).toBe('Incorrect API key provided: [redacted].');
    expect(scrubSecrets('sk-ant-api03-abcdefgh', [])).toBe('[redacted]');
  });

  it('removes only the secret itself from data, leaving key-shaped text alone', () => {
    expect(scrubDeep({ a: ['x my-secret-key-value'], b: 'sk-abcdefghijkl', n: 1 }, ['my-secret-key-value'])).toEqual({
      a: ['x [redacted]'],
      b: 'sk-abcdefghijkl',
      n: 1,
    });
  });
});

describe('Retry-After', () => {
  it('reads seconds, HTTP dates and retry-after-ms', () => {
    expect(retryAfterMs({ 'retry-after': '2' })).toBe(2000);
    expect(retryAfterMs({ 'Retry-After': '0.5' })).toBe(500);
    expect(retryAfterMs({ 'retry-after-ms': '250', 'retry-after': '9' })).toBe(250);
    expect(retryAfterMs({ 'retry-after': new Date(10_000).toUTCString() }, 4_000)).toBe(6000);
    expect(retryAfterMs({ 'retry-after': 'soon' })).toBeUndefined();
    expect(retryAfterMs(undefined)).toBeUndefined();
  });
});

describe('provider errors', () => {
  it('maps statuses to codes and retryability', () => {
    expect(providerError(apiError(401, 'Incorrect API key provided: my-secret-key-value'), context)).toMatchObject({
      code: 'llm_unauthorized',
      retryable: false,
      message: "OpenAI answered 401 Unauthorized: Incorrect API key provided: [redacted] (check OPENAI_API_KEY in Settings → Credentials or the server's environment)",
    });
    expect(providerError(apiError(429, 'Slow down', { 'retry-after': '3' }), context)).toMatchObject({ code: 'llm_rate_limited', retryable: true, retryAfterMs: 3000 });
    expect(providerError(apiError(500, 'Oops'), context)).toMatchObject({ code: 'llm_provider_error', retryable: true });
    expect(providerError(apiError(503, 'Down'), context)).toMatchObject({ code: 'llm_provider_error', retryable: true });
    expect(providerError(apiError(400, 'Bad'), context)).toMatchObject({ code: 'llm_bad_request', retryable: false });
    expect(providerError(apiError(404, 'The model `gpt-9` does not exist'), context)).toMatchObject({ code: 'llm_bad_request', retryable: false });
    expect(providerError(apiError(undefined, 'Cannot connect to API: ECONNREFUSED'), context)).toMatchObject({
      code: 'llm_network_error',
      retryable: true,
      message: 'Could not reach OpenAI: Cannot connect to API: ECONNREFUSED',
    });
  });

  it('gives up on a Retry-After longer than Weft waits', () => {
    const error = providerError(apiError(429, 'Quota', { 'retry-after': String(MAX_RETRY_AFTER_MS / 1000 + 60) }), context);
    expect(error).toMatchObject({ retryable: false, retryAfterMs: undefined });
    expect(error.message).toContain('the provider asked to wait 660 s');
  });

  it('scrubs other errors too', () => {
    expect(providerError(new Error('boom my-secret-key-value'), context)).toBeInstanceOf(BlockError);
    expect(providerError(new Error('boom my-secret-key-value'), context).message).toBe('The call to OpenAI failed: boom [redacted]');
  });
});
