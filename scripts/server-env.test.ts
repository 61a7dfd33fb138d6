import { describe, expect, it } from 'vitest';
import { serverProcessEnv } from './server-env.mjs';

describe('the production server’s environment', () => {
  it('keeps the operator’s own Node flags and adds the one the code sandbox needs', () => {
    const env = serverProcessEnv({ NODE_OPTIONS: '--max-old-space-size=2048', PORT: '4000' });
    expect(env.NODE_OPTIONS).toBe('--max-old-space-size=2048 --no-node-snapshot');
    expect(env.PORT).toBe('4000');
    expect(env.NEXT_TELEMETRY_DISABLED).toBe('1');
  });

  it('caps glibc’s malloc arenas unless the operator chose a number', () => {
    expect(serverProcessEnv({}).MALLOC_ARENA_MAX).toBe('2');
    expect(serverProcessEnv({ MALLOC_ARENA_MAX: '8' }).MALLOC_ARENA_MAX).toBe('8');
  });
});
