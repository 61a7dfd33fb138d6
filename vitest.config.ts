import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // `server-only` (the marker server modules import) resolves as in Next's server bundles: to an empty module.
  resolve: { alias: { '@': fileURLToPath(new URL('.', import.meta.url)), 'server-only': fileURLToPath(new URL('node_modules/server-only/empty.js', import.meta.url)) } },
  test: {
    include: ['lib/**/*.test.ts', 'server/**/*.test.ts', 'components/**/*.test.ts', 'app/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // isolated-vm needs its own threads and a clean exit; forks keep a crash in one file from taking the run down.
    pool: 'forks',
    globalSetup: ['./server/test/global-setup.ts'],
    // Tests never touch ./data: a fixed key instead of one generated into the data directory. They sign many
    // people up; the invitation-only default has tests of its own (app/api/sign-up.test.ts).
    env: {
      WEFT_SECRET_KEY: 'vitest-only-secret-key-0123456789',
      WEFT_DATA_DIR: path.join(os.tmpdir(), 'weft-vitest-data'),
      WEFT_SIGNUP: 'open',
    },
  },
});
