import { describe, expect, it } from 'vitest';
import { errorResponse } from '../http/respond';
import { isDatabaseUnavailable } from './unavailable';

describe('isDatabaseUnavailable', () => {
  it('recognises a full disk as Prisma reports it through the driver adapter', () => {
    const error = Object.assign(new Error('Database error. Code: `53100`. Message: `could not extend file "base/5/1": No space left on device`'), {
      code: 'P2039',
      meta: { driverAdapterError: Object.assign(new Error('No space left on device'), { cause: { kind: 'postgres', code: '53100', originalCode: '53100' } }) },
    });
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it('recognises lost and refused connections and a server shutting down', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('x'), { cause: { kind: 'DatabaseNotReachable' } }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe(true);
    expect(isDatabaseUnavailable(new AggregateError([Object.assign(new Error('reset'), { code: 'ECONNRESET' })]))).toBe(true);
  });

  it('leaves bugs and bad queries alone', () => {
    expect(isDatabaseUnavailable(new TypeError('x is undefined'))).toBe(false);
    expect(isDatabaseUnavailable(Object.assign(new Error('duplicate key'), { code: 'P2002', meta: { driverAdapterError: { cause: { kind: 'UniqueConstraintViolation' } } } }))).toBe(false);
    expect(isDatabaseUnavailable(Object.assign(new Error('syntax'), { code: '42601' }))).toBe(false);
    const circular: Record<string, unknown> = {};
    circular.cause = circular;
    expect(isDatabaseUnavailable(circular)).toBe(false);
  });
});

describe('the answer to a request that met an unavailable database', () => {
  it('is 503 unavailable with Retry-After, not a 500', async () => {
    const response = errorResponse(Object.assign(new Error('No space left on device'), { cause: { kind: 'postgres', code: '53100' } }));
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(await response.json()).toMatchObject({ code: 'unavailable' });
  });
});
