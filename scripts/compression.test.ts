import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptsGzip, compressResponse } from './compression.mjs';

// What a client receives through a real socket, for responses written the way Next.js writes them (headers flushed
// first, then chunks, each followed by `flush` when the response has one).

type Handler = (res: http.ServerResponse & { flush?: () => void }) => void | Promise<void>;
const handlers = new Map<string, Handler>();
let server: http.Server;
let base: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    compressResponse(req, res);
    void handlers.get(req.url!)!(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

/** Like Next's pipe to the socket: flushHeaders, then each chunk written and flushed. */
async function streamLikeNext(res: http.ServerResponse & { flush?: () => void }, chunks: (string | (() => Promise<void>))[]) {
  res.flushHeaders();
  for (const chunk of chunks) {
    if (typeof chunk === 'function') await chunk();
    else {
      res.write(chunk);
      res.flush?.();
    }
  }
  res.end();
}

/** The raw answer: headers and the body as sent (gunzipped when it was gzipped), chunk by chunk as it arrived. */
function get(path: string, headers: http.OutgoingHttpHeaders, method = 'GET') {
  return new Promise<{ headers: http.IncomingHttpHeaders; body: string; arrived: string[] }>((resolve, reject) => {
    http.get(`${base}${path}`, { headers, method }, (res) => {
      const decoded = res.headers['content-encoding'] === 'gzip' ? res.pipe(zlib.createGunzip()) : res;
      const arrived: string[] = [];
      decoded.on('data', (chunk: Buffer) => arrived.push(chunk.toString()));
      decoded.on('end', () => resolve({ headers: res.headers, body: arrived.join(''), arrived }));
      decoded.on('error', reject);
    });
  });
}

const GZIP = { 'accept-encoding': 'gzip, deflate, br' };
const small = JSON.stringify({ status: 'completed', output: 'x'.repeat(200) });
const large = JSON.stringify({ items: Array.from({ length: 200 }, (_, i) => ({ id: `item-${i}`, name: 'A workflow' })) });

function json(body: string): Handler {
  return (res) => {
    res.setHeader('Content-Type', 'application/json');
    return streamLikeNext(res, [body]);
  };
}

describe('compressResponse', () => {
  it('sends a small JSON answer as it is, and says the answer varies with Accept-Encoding', async () => {
    handlers.set('/small', json(small));
    const answer = await get('/small', GZIP);
    expect(answer.headers['content-encoding']).toBeUndefined();
    expect(answer.headers.vary).toBe('Accept-Encoding');
    expect(answer.body).toBe(small);
  });

  it('gzips a large JSON answer, without a stale Content-Length', async () => {
    handlers.set('/large', (res) => {
      res.setHeader('Content-Type', 'application/json; charset=utf-8');
      res.setHeader('Content-Length', String(Buffer.byteLength(large)));
      return streamLikeNext(res, [large]);
    });
    const answer = await get('/large', GZIP);
    expect(answer.headers['content-encoding']).toBe('gzip');
    expect(answer.headers['content-length']).toBeUndefined();
    expect(answer.body).toBe(large);
  });

  it('sends everything as it is to a client that does not accept gzip', async () => {
    handlers.set('/plain', json(large));
    for (const headers of [{}, { 'accept-encoding': 'identity' }, { 'accept-encoding': 'gzip;q=0, deflate' }, { 'accept-encoding': '*;q=0' }]) {
      const answer = await get('/plain', headers);
      expect(answer.headers['content-encoding']).toBeUndefined();
      expect(answer.body).toBe(large);
    }
  });

  it('keeps a gzipped stream arriving piece by piece', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    handlers.set('/page', (res) => {
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      return streamLikeNext(res, [`<html>${'<p>shell</p>'.repeat(200)}`, () => held, '<p>late</p></html>']);
    });
    const answering = get('/page', GZIP);
    // The shell must reach the client while the rest is still being produced.
    await new Promise((resolve) => setTimeout(resolve, 300));
    release();
    const answer = await answering;
    expect(answer.headers['content-encoding']).toBe('gzip');
    expect(answer.arrived.length).toBeGreaterThanOrEqual(2);
    expect(answer.arrived[0]).toBe(`<html>${'<p>shell</p>'.repeat(200)}`);
    expect(answer.body.endsWith('<p>late</p></html>')).toBe(true);
  });

  it('never compresses an event stream, so each event leaves at once', async () => {
    const events = Array.from({ length: 3 }, (_, i) => `id: ${i}\ndata: ${'e'.repeat(2000)}\n\n`);
    handlers.set('/events', (res) => {
      res.setHeader('Content-Type', 'text/event-stream');
      return streamLikeNext(res, events.flatMap((event) => [event, () => new Promise((resolve) => setTimeout(resolve, 50))]));
    });
    const answer = await get('/events', GZIP);
    expect(answer.headers['content-encoding']).toBeUndefined();
    expect(answer.body).toBe(events.join(''));
  });

  it('keeps what writeHead was given, and leaves already encoded or no-transform bodies alone', async () => {
    handlers.set('/head', (res) => {
      res.writeHead(201, { 'Content-Type': 'application/json', 'X-Weft': 'kept', Vary: 'Origin' });
      res.end(large);
    });
    const created = await get('/head', GZIP);
    expect(created.headers).toMatchObject({ 'content-encoding': 'gzip', 'x-weft': 'kept', vary: 'Origin, Accept-Encoding' });
    expect(created.body).toBe(large);

    handlers.set('/no-transform', (res) => {
      res.writeHead(200, ['Content-Type', 'application/json', 'Cache-Control', 'no-store, no-transform']);
      res.end(large);
    });
    expect((await get('/no-transform', GZIP)).headers['content-encoding']).toBeUndefined();
  });

  it('answers HEAD and empty bodies without a body', async () => {
    handlers.set('/empty', (res) => {
      res.statusCode = 204;
      res.end();
    });
    const empty = await get('/empty', GZIP);
    expect(empty.body).toBe('');
    expect(empty.headers['content-encoding']).toBeUndefined();
    handlers.set('/head-only', json(large));
    expect((await get('/head-only', GZIP, 'HEAD')).headers['content-encoding']).toBeUndefined();
  });

  it('delivers a large body written with backpressure intact', async () => {
    const chunk = 'weft '.repeat(13_000);
    handlers.set('/big', async (res) => {
      res.setHeader('Content-Type', 'text/plain');
      for (let i = 0; i < 80; i++) {
        if (!res.write(`${i}:${chunk}`)) await new Promise((resolve) => res.once('drain', resolve));
      }
      res.end('end');
    });
    const answer = await get('/big', GZIP);
    expect(answer.headers['content-encoding']).toBe('gzip');
    expect(answer.body).toBe(`${Array.from({ length: 80 }, (_, i) => `${i}:${chunk}`).join('')}end`);
  });
});

describe('acceptsGzip', () => {
  it.each([
    ['gzip, deflate, br', true],
    ['br;q=1.0, gzip;q=0.8', true],
    ['*', true],
    ['identity', false],
    ['gzip;q=0', false],
    ['*;q=0', false],
    ['*, gzip;q=0', false],
    ['', false],
  ])('%j → %s', (header, accepted) => {
    expect(acceptsGzip(header)).toBe(accepted);
  });
});
