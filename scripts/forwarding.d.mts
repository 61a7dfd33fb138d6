import type { IncomingMessage } from 'node:http';

/** WEFT_TRUSTED_PROXIES as a matcher of addresses; throws on a malformed entry. */
export function parseTrustedProxies(value: string | undefined): (address: string) => boolean;
/** Rewrites the request's `x-forwarded-*` headers to the real client address, scheme and host. */
export function applyTrustedForwarding(req: IncomingMessage, isTrustedProxy: (address: string) => boolean): void;
