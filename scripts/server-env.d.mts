export function serverProcessEnv<T extends Record<string, string | undefined>>(env: T): T & Record<'NEXT_TELEMETRY_DISABLED' | 'NODE_OPTIONS' | 'MALLOC_ARENA_MAX', string>;
