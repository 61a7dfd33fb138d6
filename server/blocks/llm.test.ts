import { runGraphForTest } from '@/server/test/run-graph';
import { describe, expect, it } from 'vitest';
import { block, chain } from '@/server/test/graphs';
import { JSON_INSTRUCTION } from '../llm/json';
import { recordedContext } from '@/server/test/llm-context';
import { setupProviderEnv, setupStandInProvider, useProviderEnv } from '@/server/test/llm-env';
import { startStandInProvider } from '@/server/test/llm-providers';
import { llmBlock } from './llm';
import { BlockError } from './run-context';

// The llm block against stand-in providers over real HTTP: OpenAI's Responses and Chat Completions APIs,
// Anthropic's Messages API and OpenAI-compatible servers, streaming as the real ones do.

const KEY = 'sk-test-weft-0123456789abcdef';
const ANTHROPIC_KEY = 'sk-ant-test-0123456789abcdef';

const provider = setupStandInProvider(KEY);
const anthropicProvider = setupStandInProvider(ANTHROPIC_KEY);

setupProviderEnv(() => ({
  OPENAI_API_KEY: KEY,
  OPENAI_BASE_URL: provider().baseUrl,
  ANTHROPIC_API_KEY: ANTHROPIC_KEY,
  ANTHROPIC_BASE_URL: anthropicProvider().baseUrl,
}));

function llm(config: Record<string, unknown>, options: Parameters<typeof recordedContext>[2] = {}) {
  return recordedContext(llmBlock, { prompt: 'Say hello', ...config }, options);
}

async function failure(promise: Promise<unknown>): Promise<BlockError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the block to fail');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BlockError);
  return error as BlockError;
}

describe('streaming and output', () => {
  it('streams the reply as chunks in order and returns output, model and usage (OpenAI Responses API)', async () => {
    provider().script({ text: ['Hel', 'lo, ', 'world', '!'], usage: { input: 12, output: 4 } });
    const run = llm({ model: 'openai/gpt-4o-mini', system: 'Be brief.' });
    const output = await llmBlock.run(run.context);
    expect(output).toEqual({ output: 'Hello, world!', model: 'openai/gpt-4o-mini', usage: { input_tokens: 12, output_tokens: 4 } });
    expect(run.chunks).toEqual(['Hel', 'lo, ', 'world', '!']);
    expect(run.usage).toEqual([{ input_tokens: 12, output_tokens: 4 }]);
    const request = provider().requests.at(-1)!;
    expect(request.api).toBe('responses');
    expect(request.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(request.body).toMatchObject({ model: 'gpt-4o-mini', stream: true });
    expect(request.body.input).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: [{ type: 'input_text', text: 'Say hello' }] },
    ]);
  });

  it('speaks the Chat Completions API for openai-chat/ models, passing temperature and max_tokens', async () => {
    provider().script({ text: ['Bonjour'], usage: { input: 5, output: 1 } });
    const run = llm({ model: 'openai-chat/gpt-4o-mini', temperature: 0.2, max_tokens: 50 });
    const output = await llmBlock.run(run.context);
    expect(output).toMatchObject({ output: 'Bonjour', model: 'openai-chat/gpt-4o-mini', usage: { input_tokens: 5, output_tokens: 1 } });
    const request = provider().requests.at(-1)!;
    expect(request.api).toBe('chat');
    expect(request.body).toMatchObject({ model: 'gpt-4o-mini', temperature: 0.2, max_tokens: 50, stream: true });
    expect(request.body.messages).toEqual([{ role: 'user', content: 'Say hello' }]);
  });

  it('speaks the Anthropic Messages API, with the key in x-api-key', async () => {
    anthropicProvider().script({ text: ['Hi', ' there'], usage: { input: 9, output: 2 } });
    const run = llm({ model: 'anthropic/claude-sonnet-4-5', system: 'You are terse.' });
    const output = await llmBlock.run(run.context);
    expect(output).toEqual({ output: 'Hi there', model: 'anthropic/claude-sonnet-4-5', usage: { input_tokens: 9, output_tokens: 2 } });
    expect(run.chunks).toEqual(['Hi', ' there']);
    const request = anthropicProvider().requests.at(-1)!;
    expect(request.api).toBe('anthropic');
    expect(request.headers['x-api-key']).toBe(ANTHROPIC_KEY);
    expect(request.body).toMatchObject({ model: 'claude-sonnet-4-5', system: [{ type: 'text', text: 'You are terse.' }], stream: true });
  });

  it('calls Ollama without a key at OLLAMA_BASE_URL', async () => {
    const ollama = await startStandInProvider();
    try {
      useProviderEnv({ OLLAMA_BASE_URL: ollama.baseUrl });
      ollama.script({ text: ['local ', 'answer'] });
      const output = await llmBlock.run(llm({ model: 'ollama/llama3.2' }).context);
      expect(output).toMatchObject({ output: 'local answer', model: 'ollama/llama3.2' });
      expect(ollama.requests[0].api).toBe('chat');
      expect(ollama.requests[0].headers.authorization).toBeUndefined();
      expect(ollama.requests[0].body.model).toBe('llama3.2');
    } finally {
      await ollama.close();
    }
  });

  it('calls an OpenAI-compatible server from workspace credentials (base URL and key), model names with slashes included', async () => {
    const server = await startStandInProvider({ apiKey: 'gateway-key-123456' });
    try {
      useProviderEnv({ WEFT_ALLOW_PRIVATE_NETWORK: 'true' });
      server.script({ text: ['from vLLM'] });
      const run = llm(
        { model: 'openai-compatible/meta-llama/Llama-3.1-8B-Instruct' },
        { credentials: { OPENAI_COMPATIBLE_BASE_URL: server.baseUrl, OPENAI_COMPATIBLE_API_KEY: 'gateway-key-123456' } },
      );
      const output = await llmBlock.run(run.context);
      expect(output).toMatchObject({ output: 'from vLLM', model: 'openai-compatible/meta-llama/Llama-3.1-8B-Instruct' });
      expect(server.requests[0].headers.authorization).toBe('Bearer gateway-key-123456');
      expect(server.requests[0].body.model).toBe('meta-llama/Llama-3.1-8B-Instruct');
    } finally {
      await server.close();
    }
  });

  it('sends a bare model name to WEFT_DEFAULT_PROVIDER', async () => {
    useProviderEnv({ WEFT_DEFAULT_PROVIDER: 'anthropic', ANTHROPIC_API_KEY: ANTHROPIC_KEY, ANTHROPIC_BASE_URL: anthropicProvider().baseUrl });
    anthropicProvider().script({ text: ['ok'] });
    const output = await llmBlock.run(llm({ model: 'claude-haiku-4-5' }).context);
    expect(output).toMatchObject({ output: 'ok', model: 'anthropic/claude-haiku-4-5' });
  });

  it('prefers the workspace credential over the environment', async () => {
    const other = await startStandInProvider({ apiKey: 'sk-workspace-own-key-1234' });
    try {
      useProviderEnv({ OPENAI_API_KEY: KEY, OPENAI_BASE_URL: provider().baseUrl, WEFT_ALLOW_PRIVATE_NETWORK: 'true' });
      other.script({ text: ['workspace'] });
      const run = llm({ model: 'gpt-4o-mini' }, { credentials: { OPENAI_API_KEY: 'sk-workspace-own-key-1234', OPENAI_BASE_URL: other.baseUrl } });
      expect(await llmBlock.run(run.context)).toMatchObject({ output: 'workspace' });
      expect(other.requests[0].headers.authorization).toBe('Bearer sk-workspace-own-key-1234');
    } finally {
      await other.close();
    }
  });
});

describe('JSON replies', () => {
  it('asks for JSON (instruction and the provider JSON mode) and parses the reply', async () => {
    provider().script({ text: ['{"sentiment": ', '"positive", "score": 0.9}'] });
    const run = llm({ model: 'openai-chat/gpt-4o-mini', system: 'Classify.', response_format: 'json' });
    const output = await llmBlock.run(run.context);
    expect(output).toMatchObject({ output: { sentiment: 'positive', score: 0.9 } });
    const body = provider().requests.at(-1)!.body;
    expect(body.response_format).toEqual({ type: 'json_object' });
    expect((body.messages as { role: string; content: string }[])[0]).toEqual({ role: 'system', content: `Classify.\n\n${JSON_INSTRUCTION}` });
  });

  it('uses the Responses API JSON mode too', async () => {
    provider().script({ text: ['[1, 2, 3]'] });
    const output = await llmBlock.run(llm({ model: 'openai/gpt-4o-mini', response_format: 'json' }).context);
    expect(output).toMatchObject({ output: [1, 2, 3] });
    const body = provider().requests.at(-1)!.body;
    expect(body).toMatchObject({ text: { format: { type: 'json_object' } } });
    expect((body.input as unknown[])[0]).toEqual({ role: 'system', content: JSON_INSTRUCTION });
  });

  it('reads JSON in a code fence from a provider without a JSON mode (Anthropic)', async () => {
    anthropicProvider().script({ text: ['```json\n{"ok": ', 'true}\n```'] });
    const output = await llmBlock.run(llm({ model: 'anthropic/claude-sonnet-4-5', response_format: 'json' }).context);
    expect(output).toMatchObject({ output: { ok: true } });
  });

  it('fails with invalid_json and writes the raw reply to the block log when the reply is not JSON', async () => {
    provider().script({ text: ['Sure! Here is ', 'your JSON: {oops'] });
    const run = llm({ model: 'openai/gpt-4o-mini', response_format: 'json' });
    const error = await failure(llmBlock.run(run.context));
    expect(error.code).toBe('invalid_json');
    expect(error.message).toMatch(/did not answer with valid JSON/);
    const logged = run.logs.find((line) => line.level === 'error');
    expect(logged?.message).toContain('Sure! Here is your JSON: {oops');
  });
});

describe('credentials and provider errors', () => {
  it('fails without a key, naming the credential and where to set it, before calling anyone', async () => {
    useProviderEnv({ OPENAI_BASE_URL: provider().baseUrl });
    const before = provider().requests.length;
    const error = await failure(llmBlock.run(llm({ model: 'openai/gpt-4o-mini' }).context));
    expect(error.code).toBe('missing_credential');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain("Set OPENAI_API_KEY in Settings → Credentials, or in the server's environment");
    expect(provider().requests.length).toBe(before);
  });

  it("leaves the server's own keys alone when WEFT_SHARE_SERVER_CREDENTIALS=false, but uses the workspace's", async () => {
    useProviderEnv({ OPENAI_API_KEY: KEY, OPENAI_BASE_URL: provider().baseUrl, WEFT_SHARE_SERVER_CREDENTIALS: 'false' });
    const before = provider().requests.length;
    const error = await failure(llmBlock.run(llm({ model: 'openai/gpt-4o-mini' }).context));
    expect(error.code).toBe('missing_credential');
    expect(error.message).toContain('Set OPENAI_API_KEY in Settings → Credentials.');
    expect(error.message).not.toContain('environment');
    expect(provider().requests.length).toBe(before);
    // Nor the server's own Ollama at its built-in address.
    expect(await failure(llmBlock.run(llm({ model: 'ollama/llama3' }).context))).toMatchObject({ code: 'missing_credential' });

    useProviderEnv({ WEFT_SHARE_SERVER_CREDENTIALS: 'false', WEFT_ALLOW_PRIVATE_NETWORK: 'true' });
    provider().script({ text: ['own key'] });
    const own = llm({ model: 'openai/gpt-4o-mini' }, { credentials: { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: provider().baseUrl } });
    expect(await llmBlock.run(own.context)).toMatchObject({ output: 'own key' });
  });

  it('names ANTHROPIC_API_KEY and OPENAI_COMPATIBLE_BASE_URL when those are missing', async () => {
    useProviderEnv({});
    const anthropic = await failure(llmBlock.run(llm({ model: 'anthropic/claude-sonnet-4-5' }).context));
    expect(anthropic).toMatchObject({ code: 'missing_credential' });
    expect(anthropic.message).toContain('Set ANTHROPIC_API_KEY in Settings → Credentials');
    const compatible = await failure(llmBlock.run(llm({ model: 'openai-compatible/qwen' }).context));
    expect(compatible.message).toContain('Set OPENAI_COMPATIBLE_BASE_URL in Settings → Credentials');
  });

  it('never sends the server key to a base URL set in the workspace', async () => {
    useProviderEnv({ OPENAI_API_KEY: KEY, WEFT_ALLOW_PRIVATE_NETWORK: 'true' });
    const error = await failure(llmBlock.run(llm({ model: 'openai/gpt-4o-mini' }, { credentials: { OPENAI_BASE_URL: 'https://attacker.example/v1' } }).context));
    expect(error.code).toBe('missing_credential');
    expect(error.message).toContain('OPENAI_API_KEY must be too');
  });

  it('refuses a workspace base URL on a private address unless private networks are allowed', async () => {
    useProviderEnv({});
    const error = await failure(
      llmBlock.run(llm({ model: 'ollama/llama3.2' }, { credentials: { OLLAMA_BASE_URL: 'http://127.0.0.1:11434/v1' } }).context),
    );
    expect(error.code).toBe('blocked_address');
    expect(error.message).toContain('WEFT_ALLOW_PRIVATE_NETWORK');
  });

  it("reports a 401 with the provider's message, not retryable, and the key never shows in the error or the log", async () => {
    const wrongKey = 'sk-wrong-key-abcdef0123456789';
    useProviderEnv({ OPENAI_API_KEY: wrongKey, OPENAI_BASE_URL: provider().baseUrl });
    const run = llm({ model: 'openai-chat/gpt-4o-mini' });
    const error = await failure(llmBlock.run(run.context));
    expect(error).toMatchObject({ code: 'llm_unauthorized', retryable: false });
    expect(error.message).toContain('OpenAI answered 401 Unauthorized: Incorrect API key provided');
    expect(error.message).toContain('check OPENAI_API_KEY');
    expect(JSON.stringify({ message: error.message, logs: run.logs, chunks: run.chunks })).not.toContain(wrongKey);
    expect(JSON.stringify(error.message)).not.toMatch(/sk-wrong/);
  });

  it('reports a 429 as retryable with the Retry-After wait, 5xx as retryable and 400 as not (Anthropic)', async () => {
    anthropicProvider().script(
      { error: { status: 429, message: 'Number of request tokens has exceeded your rate limit', headers: { 'retry-after': '7' } } },
      { error: { status: 529, message: 'Overloaded' } },
      { error: { status: 400, message: 'max_tokens: must be at most 8192' } },
    );
    const limited = await failure(llmBlock.run(llm({ model: 'anthropic/claude-sonnet-4-5' }).context));
    expect(limited).toMatchObject({ code: 'llm_rate_limited', retryable: true, retryAfterMs: 7000 });
    expect(limited.message).toBe('Anthropic answered 429 Too Many Requests: Number of request tokens has exceeded your rate limit');
    const overloaded = await failure(llmBlock.run(llm({ model: 'anthropic/claude-sonnet-4-5' }).context));
    expect(overloaded).toMatchObject({ code: 'llm_provider_error', retryable: true });
    const bad = await failure(llmBlock.run(llm({ model: 'anthropic/claude-sonnet-4-5' }).context));
    expect(bad).toMatchObject({ code: 'llm_bad_request', retryable: false });
    expect(bad.message).toContain('max_tokens: must be at most 8192');
  });

  it('reports an unreachable server as a retryable network error', async () => {
    const gone = await startStandInProvider();
    const url = gone.baseUrl;
    await gone.close();
    useProviderEnv({ OLLAMA_BASE_URL: url });
    const error = await failure(llmBlock.run(llm({ model: 'ollama/llama3.2' }).context));
    expect(error).toMatchObject({ code: 'llm_network_error', retryable: true });
    expect(error.message).toMatch(/^Could not reach Ollama/);
  });
});

describe('cancellation', () => {
  it('aborts the request in flight when the block is cancelled mid-stream', async () => {
    provider().script({ text: ['first ', 'words'], hang: true });
    const run = llm({ model: 'openai/gpt-4o-mini' });
    const closed = provider().nextAbort();
    const running = llmBlock.run(run.context);
    const settled = running.then(
      () => 'resolved',
      () => 'rejected',
    );
    await expect.poll(() => run.chunks.length).toBe(2);
    run.controller.abort(new BlockError('Cancelled', 'cancelled', false));
    await closed; // the stand-in saw the connection go away
    expect(await settled).toBe('rejected');
    expect(run.chunks).toEqual(['first ', 'words']);
  });
});

describe('through the engine', () => {
  const runEngine = (config: Record<string, unknown>, credentials: Record<string, string> = {}) =>
    runGraphForTest(chain(block('ask', 'llm', { prompt: '{{input.text}}', ...config })), { text: 'Hello?' }, { credential: async (name) => credentials[name] ?? null });

  it('streams block_chunk events in order before block_complete, and sums usage on the execution', async () => {
    provider().script({ text: ['one ', 'two ', 'three'], usage: { input: 3, output: 3 } });
    const { events, result } = await runEngine({ model: 'openai/gpt-4o-mini' });
    expect(result.status).toBe('completed');
    const ask = events.filter((e) => 'block_id' in e && e.block_id === 'ask');
    expect(ask.map((e) => e.type)).toEqual(['block_start', 'block_chunk', 'block_chunk', 'block_chunk', 'block_log', 'block_complete']);
    expect(ask.filter((e) => e.type === 'block_chunk').map((e) => (e as { chunk: string }).chunk)).toEqual(['one ', 'two ', 'three']);
    expect(result.blockOutputs.ask).toEqual({ output: 'one two three', model: 'openai/gpt-4o-mini', usage: { input_tokens: 3, output_tokens: 3 } });
    expect(result.usage).toEqual({ input_tokens: 3, output_tokens: 3 });
    expect(provider().requests.at(-1)!.body.input).toEqual([{ role: 'user', content: [{ type: 'input_text', text: 'Hello?' }] }]);
  });

  it("waits out a 429's Retry-After, then succeeds on the block's next attempt", async () => {
    provider().script({ error: { status: 429, message: 'Rate limit reached for gpt-4o-mini', headers: { 'retry-after': '1' } } }, { text: ['made it'] });
    const before = provider().requests.length;
    const { result, logs } = await runEngine({ model: 'openai/gpt-4o-mini', retry: { max_attempts: 2, backoff_ms: 10 } });
    expect(result.status).toBe('completed');
    expect(result.blockOutputs.ask).toMatchObject({ output: 'made it' });
    const [first, second] = provider().requests.slice(before);
    expect(second.at - first.at).toBeGreaterThanOrEqual(950);
    const ask = logs.find((l) => l.blockId === 'ask')!;
    expect(ask.attempts).toBe(2);
    expect(ask.console.map((c) => c.message).join('\n')).toContain('Retrying in 1000 ms');
  });

  it('fails the execution with the block error, and no key appears in any event or log', async () => {
    const wrongKey = 'sk-proj-wrong-0123456789abcdefgh';
    const { events, logs, result } = await runEngine({ model: 'openai/gpt-4o-mini' }, { OPENAI_API_KEY: wrongKey, OPENAI_BASE_URL: provider().baseUrl });
    // The workspace base URL is loopback: allowed only with WEFT_ALLOW_PRIVATE_NETWORK, so this is refused first.
    expect(result.error).toMatchObject({ code: 'blocked_address', block_id: 'ask' });

    useProviderEnv({ OPENAI_API_KEY: wrongKey, OPENAI_BASE_URL: provider().baseUrl });
    const second = await runEngine({ model: 'openai/gpt-4o-mini' });
    expect(second.result.status).toBe('failed');
    expect(second.result.error).toMatchObject({ code: 'llm_unauthorized', block_id: 'ask' });
    const everything = JSON.stringify([events, logs, result, second.events, second.logs, second.result]);
    expect(everything).not.toContain(wrongKey);
    expect(everything).not.toContain('wrong-0123456789');
  });
});
