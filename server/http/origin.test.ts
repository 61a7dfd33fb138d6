import { describe, expect, it } from 'vitest';
import { isSameOrigin } from '../auth/authenticate';
import { requestOrigin } from './origin';

describe('origins', () => {
  it('are the request host, or what a proxy says it was', () => {
    expect(requestOrigin(new Headers({ host: 'weft.local:3000' }), 'http://127.0.0.1:3000/api/x')).toBe('http://weft.local:3000');
    expect(requestOrigin(new Headers({ host: 'internal', 'x-forwarded-host': 'weft.example.com', 'x-forwarded-proto': 'https' }), 'http://internal/api/x')).toBe(
      'https://weft.example.com',
    );
  });

  it('let a cookie-authenticated change through only from the same origin (Origin, else Referer)', () => {
    const url = 'http://weft.local/api/workflows';
    expect(isSameOrigin(new Headers({ host: 'weft.local', origin: 'http://weft.local' }), url)).toBe(true);
    expect(isSameOrigin(new Headers({ host: 'weft.local', referer: 'http://weft.local/workflows/1' }), url)).toBe(true);
    expect(isSameOrigin(new Headers({ host: 'weft.local', origin: 'https://evil.example' }), url)).toBe(false);
    expect(isSameOrigin(new Headers({ host: 'weft.local', referer: 'not a url' }), url)).toBe(false);
    expect(isSameOrigin(new Headers({ host: 'weft.local' }), url)).toBe(false);
  });
});
