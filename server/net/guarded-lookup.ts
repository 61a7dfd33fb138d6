import dns from 'node:dns';
import type { LookupFunction } from 'node:net';
import { blockedAddressKind, isBlockedAddress } from './address-policy';
import { blockedAddressError } from './errors';

// The address check happens on the addresses the socket actually connects to: http.request calls this lookup
// instead of dns.lookup, so a name that resolves (or re-resolves, DNS rebinding) to a private address is refused
// before any connection is made. Node skips lookup for literal IP hosts; `checkLiteralHost` covers those.

interface ResolvedAddress {
  address: string;
  family: number;
}

/** Resolves a host name to every address it has. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const resolveWithDns: Resolver = (hostname) => dns.promises.lookup(hostname, { all: true });

export interface AddressPolicy {
  allowPrivateNetwork: boolean;
  /** Whether an address may not be called; defaults to `isBlockedAddress`. */
  isBlocked?: (ip: string) => boolean;
}

/** Throws `blocked_address` when the policy refuses this address; `host` is what the user wrote, for the message. */
export function checkAddress(host: string, address: string, policy: AddressPolicy): void {
  if (policy.allowPrivateNetwork) return;
  const isBlocked = policy.isBlocked ?? isBlockedAddress;
  if (isBlocked(address)) throw blockedAddressError(host, address, blockedAddressKind(address) ?? 'a blocked address');
}

function requestedFamily(family: dns.LookupOptions['family']): 0 | 4 | 6 {
  if (family === 4 || family === 'IPv4') return 4;
  if (family === 6 || family === 'IPv6') return 6;
  return 0;
}

function notFound(hostname: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), {
    code: 'ENOTFOUND',
    syscall: 'getaddrinfo',
    hostname,
  });
}

/**
 * A `lookup` for http.request / net.connect that resolves every address of the host and refuses the connection
 * if any of them is blocked (a name with one public and one private address must not be a way in).
 */
export function createGuardedLookup(policy: AddressPolicy, resolve: Resolver = resolveWithDns): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (resolved) => {
        try {
          for (const { address } of resolved) checkAddress(hostname, address, policy);
        } catch (error) {
          callback(error as NodeJS.ErrnoException, '', 0);
          return;
        }
        const family = requestedFamily(options.family);
        const usable = resolved.filter((entry) => family === 0 || entry.family === family);
        if (usable.length === 0) callback(notFound(hostname), '', 0);
        else if (options.all) callback(null, usable);
        else callback(null, usable[0].address, usable[0].family);
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0),
    );
  };
}
