import { setTimeout as sleep } from 'node:timers/promises';
import zlib from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { WEFT_VERSION } from '@/server/version';
import { isBlockedAddress, NetworkError, safeFetch, type Resolver, type SafeFetchOptions } from '.';
import { reply, startServer, type Handler, type TestServer } from '@/server/test/http-server';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(handler: Handler): Promise<TestServer> {
  const server = await startServer(handler);
  servers.push(server);
  return server;
}

/** The local servers live on 127.0.0.1; most tests are about something else, so they allow private networks. */
const local: SafeFetchOptions = { allowPrivateNetwork: true };

/** Tests stand in for the internet by declaring 127.0.0.1 public; everything else keeps the real policy. */
const loopbackIsPublic = (ip: string) => ip !== '127.0.0.1' && isBlockedAddress(ip);

/** A resolver that knows a few made-up names, and fails like DNS for the rest. */
function resolver(names: Record<string, string | string[]>): Resolver & { calls: string[] } {
  const calls: string[] = [];
  const resolve = async (hostname: string) => {
    calls.push(hostname);
    const entry = names[hostname];
    if (!entry) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return [entry].flat().map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return Object.assign(resolve, { calls });
}

async function failure(promise: Promise<unknown>): Promise<NetworkError> {
  const error = await promise.then(
    (result) => {
      throw new Error(`expected a failure, got ${JSON.stringify(result)}`);
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(NetworkError);
  return error as NetworkError;
}

const json = (value: unknown): Handler => reply(200, { 'content-type': 'application/json' }, JSON.stringify(value));

describe('private network guard', () => {
  it.each([
    ['127.0.0.1', (port: number) => `http://127.0.0.1:${port}/`],
    ['localhost (real DNS)', (port: number) => `http://localhost:${port}/`],
    ['[::1]', (port: number) => `http://[::1]:${port}/`],
    ['a decimal IPv4 literal', (port: number) => `http://2130706433:${port}/`],
    ['a hex shorthand IPv4 literal', (port: number) => `http://0x7f.1:${port}/`],
    ['an octal IPv4 literal', (port: number) => `http://0177.0.0.1:${port}/`],
    ['a short IPv4 literal', (port: number) => `http://127.1:${port}/`],
    ['an IPv4-mapped IPv6 literal', (port: number) => `http://[::ffff:127.0.0.1]:${port}/`],
    ['a NAT64 literal', (port: number) => `http://[64:ff9b::7f00:1]:${port}/`],
    ['0.0.0.0', (port: number) => `http://0:${port}/`],
    ['a trailing-dot IPv4', (port: number) => `http://127.0.0.1.:${port}/`],
  ])('refuses %s without connecting', async (_name, urlFor) => {
    const server = await serve(json({ secret: true }));
    const error = await failure(safeFetch(urlFor(server.port)));
    expect(error.code).toBe('blocked_address');
    expect(error.message).toContain('set WEFT_ALLOW_PRIVATE_NETWORK=true to allow them');
    expect(server.connections).toBe(0);
  });

  it.each([
    ['http://10.0.0.5/admin', 'Refused to call 10.0.0.5 (a private address): private network addresses are blocked (set WEFT_ALLOW_PRIVATE_NETWORK=true to allow them)'],
    ['http://169.254.169.254/latest/meta-data/', 'Refused to call 169.254.169.254 (the cloud metadata address): private network addresses are blocked (set WEFT_ALLOW_PRIVATE_NETWORK=true to allow them)'],
    ['https://192.168.1.1/', 'Refused to call 192.168.1.1 (a private address): private network addresses are blocked (set WEFT_ALLOW_PRIVATE_NETWORK=true to allow them)'],
    ['http://[fd00:ec2::254]/', 'Refused to call fd00:ec2::254 (a unique-local (private) address): private network addresses are blocked (set WEFT_ALLOW_PRIVATE_NETWORK=true to allow them)'],
  ])('refuses %s and says why', async (url, message) => {
    const started = Date.now();
    const error = await failure(safeFetch(url, { timeoutMs: 5_000 }));
    expect(error.code).toBe('blocked_address');
    expect(error.message).toBe(message);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it.each([
    ['127.0.0.1', (port: number) => `http://127.0.0.1:${port}/`],
    ['localhost', (port: number) => `http://localhost:${port}/`],
    ['an IPv4-mapped IPv6 literal', (port: number) => `http://[::ffff:127.0.0.1]:${port}/`],
    ['a hex shorthand IPv4 literal', (port: number) => `http://0x7f.1:${port}/`],
  ])('calls %s when private networks are allowed', async (_name, urlFor) => {
    const server = await serve(json({ ok: true }));
    const result = await safeFetch(urlFor(server.port), local);
    expect(result.body).toEqual({ ok: true });
    expect(server.requests).toHaveLength(1);
  });

  it('refuses a host name that resolves to a private address, without connecting', async () => {
    const server = await serve(json({ secret: true }));
    const resolve = resolver({ 'intranet.example': '127.0.0.1' });
    const error = await failure(safeFetch(`http://intranet.example:${server.port}/`, { resolve }));
    expect(error.code).toBe('blocked_address');
    expect(error.message).toMatch(/^Refused to call intranet\.example \(127\.0\.0\.1, a loopback address\)/);
    expect(resolve.calls).toEqual(['intranet.example']);
    expect(server.connections).toBe(0);
  });

  it('refuses a host name when any of its addresses is private', async () => {
    const resolve = resolver({ 'mixed.example': ['93.184.215.14', '10.1.2.3'] });
    const error = await failure(safeFetch('http://mixed.example/', { resolve }));
    expect(error.code).toBe('blocked_address');
    expect(error.message).toContain('mixed.example (10.1.2.3, a private address)');
  });

  it('calls a host name whose addresses are all public', async () => {
    const server = await serve(json({ ok: true }));
    const resolve = resolver({ 'api.example': '127.0.0.1' });
    const result = await safeFetch(`http://api.example:${server.port}/items`, { resolve, isBlocked: loopbackIsPublic });
    expect(result).toMatchObject({ status: 200, body: { ok: true }, url: `http://api.example:${server.port}/items` });
    expect(server.requests[0].headers.host).toBe(`api.example:${server.port}`);
  });

  it('explains a name that does not resolve', async () => {
    const error = await failure(safeFetch('http://nowhere.example/', { resolve: resolver({}) }));
    expect(error.code).toBe('network');
    expect(error.message).toBe('Could not find the server nowhere.example: the name does not resolve');
  });

  it('explains a refused connection', async () => {
    const server = await serve(json({}));
    await server.close();
    const error = await failure(safeFetch(`${server.origin}/`, local));
    expect(error.code).toBe('network');
    expect(error.message).toBe(`Could not connect to 127.0.0.1:${server.port}: the connection was refused`);
  });

  it('explains an https:// URL whose server does not speak HTTPS', async () => {
    const server = await serve(json({}));
    const error = await failure(safeFetch(`https://127.0.0.1:${server.port}/`, local));
    expect(error.code).toBe('network');
    expect(error.message).toBe(`The secure connection to 127.0.0.1:${server.port} failed: the server did not answer with HTTPS`);
  });

  it.each([
    ['ftp://example.com/file', 'Only http:// and https:// URLs can be called (got ftp:)'],
    ['file:///etc/passwd', 'Only http:// and https:// URLs can be called (got file:)'],
    ['javascript:alert(1)', 'Only http:// and https:// URLs can be called (got javascript:)'],
    ['example.com/path', '"example.com/path" is not a valid URL'],
    ['', '"" is not a valid URL'],
  ])('calls only http and https URLs: %s', async (url, message) => {
    const error = await failure(safeFetch(url));
    expect(error.code).toBe('invalid_url');
    expect(error.message).toBe(message);
  });
});

describe('redirects', () => {
  it('follows a chain of redirects to the final response', async () => {
    const server = await serve((request, response) => {
      if (request.url === '/a') response.writeHead(301, { location: '/b' }).end();
      else if (request.url === '/b') response.writeHead(302, { location: 'c?x=1' }).end();
      else json({ at: request.url })(request, response);
    });
    const result = await safeFetch(`${server.origin}/a`, local);
    expect(result).toMatchObject({ status: 200, body: { at: '/c?x=1' }, redirected: true, url: `${server.origin}/c?x=1` });
  });

  it('reports a response that was not redirected', async () => {
    const server = await serve(json({}));
    expect(await safeFetch(`${server.origin}/`, local)).toMatchObject({ redirected: false, url: `${server.origin}/` });
  });

  it('returns a redirect status without a Location as it is', async () => {
    const server = await serve(reply(302, {}, 'no location'));
    expect(await safeFetch(`${server.origin}/`, local)).toMatchObject({ status: 302, body: 'no location', redirected: false });
  });

  it('refuses a redirect from a public server to the cloud metadata address', async () => {
    const server = await serve(reply(302, { location: 'http://169.254.169.254/latest/meta-data/' }));
    const error = await failure(safeFetch(`${server.origin}/`, { isBlocked: loopbackIsPublic }));
    expect(error.code).toBe('blocked_address');
    expect(error.message).toContain('169.254.169.254');
    expect(server.requests).toHaveLength(1);
  });

  it('refuses a redirect to a name that resolves to a private address', async () => {
    const server = await serve(reply(307, { location: 'http://db.internal:5432/' }));
    const resolve = resolver({ 'db.internal': '10.0.0.7' });
    const error = await failure(safeFetch(`${server.origin}/`, { isBlocked: loopbackIsPublic, resolve }));
    expect(error.code).toBe('blocked_address');
    expect(error.message).toContain('db.internal (10.0.0.7, a private address)');
  });

  it('checks the address again on every hop, so DNS rebinding is refused', async () => {
    const server = await serve((request, response) => {
      if (request.url === '/start') response.writeHead(302, { location: '/next' }).end();
      else json({ secret: true })(request, response);
    });
    const answers = ['127.0.0.1', '10.0.0.1'];
    const resolve: Resolver = async () => [{ address: answers.shift() ?? '10.0.0.1', family: 4 }];
    const error = await failure(
      safeFetch(`http://rebind.example:${server.port}/start`, { isBlocked: loopbackIsPublic, resolve }),
    );
    expect(error.code).toBe('blocked_address');
    expect(error.message).toContain('rebind.example (10.0.0.1, a private address)');
    expect(server.requests.map((request) => request.url)).toEqual(['/start']);
  });

  it('gives up on a redirect loop', async () => {
    const server = await serve(reply(302, { location: '/again' }));
    const error = await failure(safeFetch(`${server.origin}/start?token=abc`, local));
    expect(error.code).toBe('too_many_redirects');
    expect(error.message).toBe(`The request to ${server.origin}/start?… was redirected more than 5 times`);
    expect(server.requests).toHaveLength(6);
  });

  it('follows exactly five redirects', async () => {
    const server = await serve((request, response) => {
      const hop = Number(request.url?.slice(1));
      if (hop < 5) response.writeHead(302, { location: `/${hop + 1}` }).end();
      else json({ hop })(request, response);
    });
    expect((await safeFetch(`${server.origin}/0`, local)).body).toEqual({ hop: 5 });
  });

  it('refuses a redirect to a non-http URL', async () => {
    const server = await serve(reply(302, { location: 'file:///etc/passwd' }));
    const error = await failure(safeFetch(`${server.origin}/`, local));
    expect(error.code).toBe('invalid_url');
    expect(error.message).toBe(`${server.origin}/ redirected to a file: URL; only http:// and https:// URLs can be called`);
  });

  it.each([
    [303, 'POST', 'GET', ''],
    [303, 'PUT', 'GET', ''],
    [302, 'POST', 'GET', ''],
    [301, 'POST', 'GET', ''],
    [302, 'PUT', 'PUT', '{"n":1}'],
    [307, 'POST', 'POST', '{"n":1}'],
    [308, 'PATCH', 'PATCH', '{"n":1}'],
  ] as const)('after a %i, a %s is repeated as %s', async (status, method, expectedMethod, expectedBody) => {
    const server = await serve((request, response) => {
      if (request.url === '/form') response.writeHead(status, { location: '/done' }).end();
      else json({})(request, response);
    });
    await safeFetch(`${server.origin}/form`, { ...local, method, body: { n: 1 } });
    const done = server.requests[1];
    expect(done.method).toBe(expectedMethod);
    expect(done.body).toBe(expectedBody);
    expect(done.headers['content-type']).toBe(expectedBody ? 'application/json' : undefined);
  });

  it('drops Authorization and Cookie when a redirect leaves the origin', async () => {
    const other = await serve(json({}));
    const first = await serve(reply(302, { location: `${other.origin}/landing` }));
    await safeFetch(`${first.origin}/`, {
      ...local,
      headers: { Authorization: 'Bearer s3cret', Cookie: 'session=abc', 'X-Trace': 't1' },
    });
    expect(first.requests[0].headers).toMatchObject({ authorization: 'Bearer s3cret', cookie: 'session=abc' });
    expect(other.requests[0].headers.authorization).toBeUndefined();
    expect(other.requests[0].headers.cookie).toBeUndefined();
    expect(other.requests[0].headers['x-trace']).toBe('t1');
  });

  it('keeps Authorization and Cookie on a same-origin redirect', async () => {
    const server = await serve((request, response) => {
      if (request.url === '/old') response.writeHead(301, { location: '/new' }).end();
      else json({})(request, response);
    });
    await safeFetch(`${server.origin}/old`, { ...local, headers: { authorization: 'Bearer s3cret', cookie: 'a=1' } });
    expect(server.requests[1].headers).toMatchObject({ authorization: 'Bearer s3cret', cookie: 'a=1' });
  });
});

describe('time, cancellation and size limits', () => {
  it('gives up on a server that never answers and closes the connection', async () => {
    const server = await serve(() => {});
    const started = Date.now();
    const error = await failure(safeFetch(`${server.origin}/slow`, { ...local, timeoutMs: 200 }));
    expect(error.code).toBe('timeout');
    expect(error.message).toBe(`The request to ${server.origin}/slow took longer than 200 ms`);
    expect(Date.now() - started).toBeLessThan(1_000);
    await server.allClosed();
  });

  it('counts the body read against the timeout', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.write('first part…');
    });
    const error = await failure(safeFetch(`${server.origin}/`, { ...local, timeoutMs: 200 }));
    expect(error.code).toBe('timeout');
    await server.allClosed();
  });

  it('stops mid-body when cancelled and closes the connection', async () => {
    const controller = new AbortController();
    const server = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.write('x'.repeat(1000));
      setTimeout(() => controller.abort(), 50);
    });
    const started = Date.now();
    const error = await failure(safeFetch(`${server.origin}/stream`, { ...local, signal: controller.signal }));
    expect(error.code).toBe('cancelled');
    expect(error.message).toBe(`The request to ${server.origin}/stream was cancelled`);
    expect(Date.now() - started).toBeLessThan(1_000);
    await server.allClosed();
  });

  it('does not connect at all when already cancelled', async () => {
    const server = await serve(json({}));
    const error = await failure(safeFetch(`${server.origin}/`, { ...local, signal: AbortSignal.abort() }));
    expect(error.code).toBe('cancelled');
    expect(server.connections).toBe(0);
  });

  it('stops reading an endless body at the size limit', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/octet-stream' });
      const chunk = Buffer.alloc(64 * 1024, 1);
      const pump = () => {
        while (!response.destroyed && response.write(chunk));
        if (!response.destroyed) response.once('drain', pump);
      };
      pump();
    });
    const error = await failure(safeFetch(`${server.origin}/`, { ...local, maxBytes: 256 * 1024 }));
    expect(error.code).toBe('too_large');
    expect(error.message).toBe('The response is larger than the 256 KB limit');
    await server.allClosed();
  });

  it('refuses a body whose Content-Length is over the limit before reading it', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(50 * 1024 * 1024) });
      response.write('a little');
    });
    const started = Date.now();
    const error = await failure(safeFetch(`${server.origin}/`, local));
    expect(error.code).toBe('too_large');
    expect(error.message).toBe('The response is larger than the 5 MB limit (the server announced 50 MB)');
    expect(Date.now() - started).toBeLessThan(1_000);
    await server.allClosed();
  });

  it.each([
    ['gzip', zlib.gzipSync],
    ['deflate', zlib.deflateSync],
    ['deflate', zlib.deflateRawSync],
    ['br', (input: Buffer) => zlib.brotliCompressSync(input, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } })],
  ] as const)('counts the limit on decompressed bytes (a %s bomb is stopped)', async (encoding, compress) => {
    const bomb = compress(Buffer.alloc(20 * 1024 * 1024));
    const server = await serve(reply(200, { 'content-type': 'text/plain', 'content-encoding': encoding }, bomb));
    const error = await failure(safeFetch(`${server.origin}/`, { ...local, maxBytes: 1024 * 1024 }));
    expect(error.code).toBe('too_large');
    expect(error.message).toBe('The response is larger than the 1 MB limit');
  });

  it('stops mid-body of a compressed response when cancelled', async () => {
    const controller = new AbortController();
    const server = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip' });
      const gzip = zlib.createGzip();
      gzip.pipe(response);
      gzip.write('x'.repeat(10_000));
      gzip.flush();
      setTimeout(() => controller.abort(), 50);
    });
    const error = await failure(safeFetch(`${server.origin}/`, { ...local, signal: controller.signal }));
    expect(error.code).toBe('cancelled');
    await server.allClosed();
  });

  it('explains a connection that drops before the whole body arrived', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain', 'content-length': '1000' });
      response.write('only part of it', () => response.destroy());
    });
    const error = await failure(safeFetch(`${server.origin}/file`, local));
    expect(error.code).toBe('network');
    expect(error.message).toBe(`The connection to ${server.origin}/file closed before the whole response arrived`);
  });

  it('accepts a body exactly at the limit', async () => {
    const server = await serve(reply(200, { 'content-type': 'text/plain' }, 'x'.repeat(1000)));
    expect((await safeFetch(`${server.origin}/`, { ...local, maxBytes: 1000 })).body).toHaveLength(1000);
  });
});

describe('responses', () => {
  const payload = { items: [1, 2, 3], name: 'café' };

  it.each([
    ['gzip', zlib.gzipSync],
    ['x-gzip', zlib.gzipSync],
    ['deflate', zlib.deflateSync],
    ['deflate', zlib.deflateRawSync],
    ['br', zlib.brotliCompressSync],
  ] as const)('decodes a %s body', async (encoding, compress) => {
    const body = compress(Buffer.from(JSON.stringify(payload)));
    const server = await serve(reply(200, { 'content-type': 'application/json', 'content-encoding': encoding }, body));
    expect((await safeFetch(`${server.origin}/`, local)).body).toEqual(payload);
  });

  it('explains a body that does not decompress', async () => {
    const server = await serve(reply(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip' }, 'not gzip'));
    const error = await failure(safeFetch(`${server.origin}/data`, local));
    expect(error.code).toBe('network');
    expect(error.message).toBe(`The response from ${server.origin}/data could not be decompressed`);
  });

  it('returns JSON, text and binary bodies', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
    const server = await serve((request, response) => {
      if (request.url === '/json') json(payload)(request, response);
      else if (request.url === '/text') reply(200, { 'content-type': 'text/plain' }, 'hello')(request, response);
      else reply(200, { 'content-type': 'image/png' }, png)(request, response);
    });
    expect((await safeFetch(`${server.origin}/json`, local)).body).toEqual(payload);
    expect((await safeFetch(`${server.origin}/text`, local)).body).toBe('hello');
    expect((await safeFetch(`${server.origin}/png`, local)).body).toEqual({
      base64: png.toString('base64'),
      content_type: 'image/png',
      size: png.length,
    });
  });

  it('returns 4xx and 5xx responses instead of failing', async () => {
    const server = await serve((request, response) => {
      if (request.url === '/missing') reply(404, { 'content-type': 'application/json' }, '{"error":"nope"}')(request, response);
      else reply(503, { 'content-type': 'text/plain' }, 'down for maintenance')(request, response);
    });
    expect(await safeFetch(`${server.origin}/missing`, local)).toMatchObject({ status: 404, body: { error: 'nope' } });
    expect(await safeFetch(`${server.origin}/down`, local)).toMatchObject({ status: 503, body: 'down for maintenance' });
  });

  it('lower-cases header names and joins repeated headers', async () => {
    const server = await serve(reply(200, { 'X-Request-Id': 'r1', 'Set-Cookie': ['a=1', 'b=2'], 'content-type': 'text/plain' }, 'ok'));
    const { headers } = await safeFetch(`${server.origin}/`, local);
    expect(headers).toMatchObject({ 'x-request-id': 'r1', 'set-cookie': 'a=1, b=2', 'content-type': 'text/plain' });
  });

  it('answers a HEAD request with an empty body', async () => {
    const server = await serve(json(payload));
    const result = await safeFetch(`${server.origin}/`, { ...local, method: 'HEAD' });
    expect(result).toMatchObject({ status: 200, body: '' });
    expect(server.requests[0].method).toBe('HEAD');
  });

  it('does not hold the Content-Length of a HEAD answer against the size limit', async () => {
    const server = await serve(reply(200, { 'content-type': 'video/mp4', 'content-length': String(50 * 1024 * 1024) }));
    const result = await safeFetch(`${server.origin}/movie.mp4`, { ...local, method: 'HEAD' });
    expect(result).toMatchObject({ status: 200, body: '', headers: { 'content-length': String(50 * 1024 * 1024) } });
  });

  it('measures how long the request took', async () => {
    const server = await serve(async (request, response) => {
      await sleep(30);
      json({})(request, response);
    });
    const { duration_ms } = await safeFetch(`${server.origin}/`, local);
    expect(duration_ms).toBeGreaterThanOrEqual(25);
    expect(duration_ms).toBeLessThan(1_000);
  });
});

describe('requests', () => {
  it('sends a JSON body with its content type and custom headers', async () => {
    const server = await serve(json({ created: true }));
    const result = await safeFetch(`${server.origin}/items`, {
      ...local,
      method: 'POST',
      headers: { 'X-Api-Key': 'k-123', Accept: 'application/json' },
      body: { name: 'Widget', tags: ['a', 'b'], price: null },
    });
    expect(result).toMatchObject({ status: 200, body: { created: true } });
    const [received] = server.requests;
    expect(received.method).toBe('POST');
    expect(JSON.parse(received.body)).toEqual({ name: 'Widget', tags: ['a', 'b'], price: null });
    expect(received.headers).toMatchObject({
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(received.body)),
      'x-api-key': 'k-123',
      accept: 'application/json',
      'user-agent': `Weft/${WEFT_VERSION}`,
    });
  });

  it('keeps the content type the caller chose', async () => {
    const server = await serve(json({}));
    await safeFetch(`${server.origin}/`, {
      ...local,
      method: 'PUT',
      headers: { 'content-type': 'application/vnd.api+json' },
      body: { data: 1 },
    });
    await safeFetch(`${server.origin}/`, {
      ...local,
      method: 'POST',
      headers: { 'Content-Type': 'application/xml' },
      body: '<a>é</a>',
    });
    expect(server.requests[0].headers['content-type']).toBe('application/vnd.api+json');
    expect(server.requests[1]).toMatchObject({ body: '<a>é</a>', headers: { 'content-type': 'application/xml' } });
  });

  it('sends a text body as UTF-8 text', async () => {
    const server = await serve(json({}));
    await safeFetch(`${server.origin}/`, { ...local, method: 'PATCH', body: 'name=é' });
    expect(server.requests[0]).toMatchObject({
      method: 'PATCH',
      body: 'name=é',
      headers: { 'content-type': 'text/plain; charset=utf-8', 'content-length': '7' },
    });
  });

  it('lets the caller choose the User-Agent', async () => {
    const server = await serve(json({}));
    await safeFetch(`${server.origin}/`, { ...local, userAgent: 'Weft/9.9.9' });
    await safeFetch(`${server.origin}/`, { ...local, userAgent: 'Weft/9.9.9', headers: { 'user-agent': 'custom' } });
    expect(server.requests.map((request) => request.headers['user-agent'])).toEqual(['Weft/9.9.9', 'custom']);
  });

  it('accepts a lower-case method and refuses an unknown one', async () => {
    const server = await serve(json({}));
    await safeFetch(`${server.origin}/`, { ...local, method: 'delete' as 'DELETE' });
    expect(server.requests[0].method).toBe('DELETE');
    const error = await failure(safeFetch(`${server.origin}/`, { ...local, method: 'TRACE' as 'GET' }));
    expect(error.code).toBe('invalid_request');
  });

  it.each([
    [{ 'X-Note': 'a\r\nX-Injected: 1' }, 'The header "X-Note" contains a line break, which is not allowed'],
    [{ 'X-Note': 'line\nbreak' }, 'The header "X-Note" contains a line break, which is not allowed'],
    [{ 'X-Bad\r\nName': 'v' }, '"X-Bad\\r\\nName" is not a valid header name'],
    [{ 'X-Emoji': 'smile 😀' }, 'The header "X-Emoji" contains a character that cannot be sent in a header'],
  ])('refuses a header with a line break or unsendable text, without connecting', async (headers, message) => {
    const server = await serve(json({}));
    const error = await failure(safeFetch(`${server.origin}/`, { ...local, headers }));
    expect(error.code).toBe('invalid_request');
    expect(error.message).toBe(message);
    expect(server.connections).toBe(0);
  });

  it('never shows a header value in an error', async () => {
    const error = await failure(safeFetch('http://10.0.0.1/', { headers: { Authorization: 'Bearer sk-live-123' } }));
    expect(error.message).not.toContain('sk-live-123');
    const badValue = await failure(safeFetch('http://10.0.0.1/', { headers: { Authorization: 'Bearer sk-live-123\n' } }));
    expect(badValue.message).not.toContain('sk-live-123');
  });

  it('sends credentials from the URL as Basic auth and does not echo them back', async () => {
    const server = await serve(json({}));
    const result = await safeFetch(`http://user:p%40ss@127.0.0.1:${server.port}/private#frag`, local);
    expect(server.requests[0].headers.authorization).toBe(`Basic ${Buffer.from('user:p@ss').toString('base64')}`);
    expect(result.url).toBe(`${server.origin}/private`);
  });
});
