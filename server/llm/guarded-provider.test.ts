import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlockError } from '../run-capabilities';
import { startServer, type TestServer } from '@/server/test/http-server';
import { resolveModel } from './providers';
import { runModel } from './run';
import { recordedContext } from '@/server/test/llm-context';
import { setupProviderEnv, setupStandInProvider } from '@/server/test/llm-env';

// Provider calls to a workspace's base URL go through the guarded fetch: a redirect to an internal address is
// refused on the hop that would reach it, and token streams still arrive piece by piece.

const KEY = 'sk-test-guarded-0123456789';
/** The stand-in servers listen on 127.0.0.1, which these tests declare public; any other address is internal. */
const onlyLoopbackOneIsPublic = (ip: string) => ip !== '127.0.0.1';

const provider = setupStandInProvider(KEY);
let internal: { server: http.Server; hits: number; origin: string };
let redirector: TestServer;

beforeAll(async () => {
  // 127.0.0.2 is loopback too on Linux: the "metadata service" a redirect must never reach.
  const server = http.createServer((_request, response) => {
    internal.hits += 1;
    response.end('{"secret":"instance credentials"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.2', resolve));
  internal = { server, hits: 0, origin: `http://127.0.0.2:${(server.address() as { port: number }).port}` };
  redirector = await startServer((request, response) => {
    response.writeHead(307, { location: `${internal.origin}${request.url ?? '/'}` }).end();
  });
});

afterAll(async () => {
  await redirector.close();
  await new Promise((resolve) => internal.server.close(resolve));
});

setupProviderEnv(() => ({}));

function blockContext() {
  return recordedContext({ type: 'llm', configSchema: { parse: () => ({}) } }, {});
}

describe('a workspace base URL', () => {
  it('cannot be redirected to an internal address', async () => {
    const credentials = { OPENAI_BASE_URL: `${redirector.origin}/v1`, OPENAI_API_KEY: KEY };
    const model = await resolveModel('openai-chat/gpt-4o-mini', { credential: async (name) => credentials[name as keyof typeof credentials] ?? null }, {
      isBlocked: onlyLoopbackOneIsPublic,
    });
    const run = blockContext();
    const error = await runModel({ context: run.context, model, prompt: 'hi' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BlockError);
    expect(error).toMatchObject({ code: 'blocked_address', retryable: false });
    expect((error as Error).message).toContain('127.0.0.2');
    expect(redirector.requests).toHaveLength(1);
    expect(internal.hits).toBe(0);
  });

  it('still streams tokens as they arrive through the guarded fetch', async () => {
    const credentials = { OPENAI_BASE_URL: provider().baseUrl, OPENAI_API_KEY: KEY };
    const model = await resolveModel('openai/gpt-4o-mini', { credential: async (name) => credentials[name as keyof typeof credentials] ?? null }, {
      isBlocked: onlyLoopbackOneIsPublic,
    });
    provider().script({ text: ['first ', 'words'], hang: true });
    const run = blockContext();
    const closed = provider().nextAbort();
    const settled = runModel({ context: run.context, model, prompt: 'hi' }).then(
      () => 'resolved',
      () => 'rejected',
    );
    // Both pieces arrive while the response is still open: nothing waited for the whole body.
    await expect.poll(() => run.chunks).toEqual(['first ', 'words']);
    run.controller.abort(new BlockError('Cancelled', 'cancelled', false));
    await closed;
    expect(await settled).toBe('rejected');
  });
});
