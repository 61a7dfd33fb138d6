import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyTrustedForwarding, parseTrustedProxies } from './forwarding.mjs';

// What the app sees as the client's address, scheme and host, through a real socket: a client's own
// X-Forwarded-* headers count for nothing unless the connection comes from a configured proxy.

let trusted = parseTrustedProxies('');
let server: http.Server;
let base: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    applyTrustedForwarding(req, trusted);
    const { 'x-forwarded-for': forwardedFor, 'x-forwarded-proto': proto, 'x-forwarded-host': host } = req.headers;
    res.end(JSON.stringify({ forwardedFor, proto, host }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const seen = async (headers: Record<string, string>) => (await fetch(base, { headers })).json();

describe('with no trusted proxies (the default)', () => {
  it('takes the address from the socket however the client rotates X-Forwarded-For', async () => {
    trusted = parseTrustedProxies(undefined);
    for (const spoofed of ['198.51.100.1', '198.51.100.2', '10.0.0.1, 198.51.100.3']) {
      expect(await seen({ 'x-forwarded-for': spoofed })).toMatchObject({ forwardedFor: '127.0.0.1' });
    }
  });

  it('ignores a claimed scheme and host', async () => {
    trusted = parseTrustedProxies('');
    const body = await seen({ 'x-forwarded-proto': 'https', 'x-forwarded-host': 'evil.example' });
    expect(body).toEqual({ forwardedFor: '127.0.0.1', proto: 'http', host: base.replace('http://', '') });
  });
});

describe('behind a trusted proxy', () => {
  it('believes the proxy: the right-most address that is not a trusted proxy, and its scheme and host', async () => {
    trusted = parseTrustedProxies('127.0.0.0/8, 10.1.2.3');
    const body = await seen({
      'x-forwarded-for': '203.0.113.66, 198.51.100.9, 10.1.2.3',
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'weft.example.com',
    });
    // 203.0.113.66 is what the client itself claimed; 198.51.100.9 is who connected to the first trusted proxy.
    expect(body).toEqual({ forwardedFor: '198.51.100.9', proto: 'https', host: 'weft.example.com' });
  });
});

it('refuses a malformed WEFT_TRUSTED_PROXIES entry by name', () => {
  expect(() => parseTrustedProxies('10.0.0.0/8, proxy.internal')).toThrow(/"proxy.internal"/);
  expect(() => parseTrustedProxies('10.0.0.0/33')).toThrow(/10.0.0.0\/33/);
  expect(parseTrustedProxies('::1, 10.0.0.0/8')('::ffff:10.9.8.7')).toBe(true);
});
