// The outbound HTTP client: `safeFetch` for the `http` block and the agent's `http_request` tool.
export {  isBlockedAddress } from './address-policy';
export { NetworkError,  } from './errors';
export { createGuardedFetch,  } from './guarded-fetch';
export {    type Resolver } from './guarded-lookup';
export { safeFetch } from './safe-fetch';
export {
  
  
  DEFAULT_TIMEOUT_MS,
  HTTP_METHODS,
  
  
  
  type SafeFetchOptions,
  
} from './types';
