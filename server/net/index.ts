// The outbound HTTP client: `safeFetch` for the `http` block and the agent's `http_request` tool.
export { blockedAddressKind, isBlockedAddress } from './address-policy';
export { NetworkError, type NetworkErrorCode } from './errors';
export { createGuardedFetch, type GuardedFetchOptions } from './guarded-fetch';
export { createGuardedLookup, resolveWithDns, type ResolvedAddress, type Resolver } from './guarded-lookup';
export { safeFetch } from './safe-fetch';
export {
  DEFAULT_MAX_BYTES,
  DEFAULT_MAX_REDIRECTS,
  DEFAULT_TIMEOUT_MS,
  HTTP_METHODS,
  type BinaryBody,
  type HttpMethod,
  type ResponseBody,
  type SafeFetchOptions,
  type SafeFetchResult,
} from './types';
