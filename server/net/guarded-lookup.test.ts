import type { LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { describe, expect, it } from 'vitest';
import { NetworkError } from './errors';
import { createGuardedLookup, type Resolver } from './guarded-lookup';

const dualStack: Resolver = async () => [
  { address: '2606:4700::6810:84e5', family: 6 },
  { address: '104.16.132.229', family: 4 },
];

function lookUp(lookup: LookupFunction, options: Parameters<LookupFunction>[1]) {
  return new Promise<{ error: NodeJS.ErrnoException | null; address: string | LookupAddress[]; family?: number }>(
    (resolve) => lookup('api.example', options, (error, address, family) => resolve({ error, address, family })),
  );
}

describe('the lookup a connection uses', () => {
  const lookup = createGuardedLookup({ allowPrivateNetwork: false }, dualStack);

  it('hands every address to a connection that asks for all (happy eyeballs)', async () => {
    const { error, address } = await lookUp(lookup, { all: true });
    expect(error).toBeNull();
    expect(address).toEqual([
      { address: '2606:4700::6810:84e5', family: 6 },
      { address: '104.16.132.229', family: 4 },
    ]);
  });

  it('hands one address of the requested family to a connection that asks for one', async () => {
    expect(await lookUp(lookup, { family: 4 })).toEqual({ error: null, address: '104.16.132.229', family: 4 });
    expect(await lookUp(lookup, {})).toEqual({ error: null, address: '2606:4700::6810:84e5', family: 6 });
  });

  it('fails like DNS when no address of the requested family exists', async () => {
    const v4only = createGuardedLookup({ allowPrivateNetwork: false }, async () => [{ address: '1.1.1.1', family: 4 }]);
    const { error } = await lookUp(v4only, { family: 6 });
    expect(error?.code).toBe('ENOTFOUND');
  });

  it('refuses the connection when any address is private', async () => {
    const mixed = createGuardedLookup({ allowPrivateNetwork: false }, async () => [
      { address: '1.1.1.1', family: 4 },
      { address: 'fe80::1%eth0', family: 6 },
    ]);
    const { error } = await lookUp(mixed, { all: true });
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as unknown as NetworkError).code).toBe('blocked_address');
  });

  it('lets private addresses through when private networks are allowed', async () => {
    const allowed = createGuardedLookup({ allowPrivateNetwork: true }, async () => [{ address: '10.0.0.1', family: 4 }]);
    expect(await lookUp(allowed, {})).toEqual({ error: null, address: '10.0.0.1', family: 4 });
  });
});
