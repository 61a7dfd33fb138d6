import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { serverProcessEnv } from './scripts/server-env.mjs';

// The e2e server runs the production build on its own empty data directory, so runs never see each other's data.
const port = Number(process.env.E2E_PORT ?? 3100);
process.env.WEFT_E2E_DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), 'weft-e2e-'));
export const e2eDataDir = process.env.WEFT_E2E_DATA_DIR;

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    // scripts/e2e.mjs (`npm run test:e2e`) picks the browser: a Chromium by path, or the installed Chrome.
    ...(process.env.PLAYWRIGHT_CHROMIUM_CHANNEL ? { channel: process.env.PLAYWRIGHT_CHROMIUM_CHANNEL } : {}),
    launchOptions: {
      executablePath: process.env.PLAYWRIGHT_CHROMIUM_CHANNEL ? undefined : (process.env.PLAYWRIGHT_CHROMIUM_PATH ?? '/usr/bin/chromium'),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
      ],
    },
  },
  webServer: {
    command: `node scripts/server.mjs -p ${port} -H 127.0.0.1`,
    url: `http://127.0.0.1:${port}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
    stderr: 'pipe',
    env: serverProcessEnv({
      WEFT_DATA_DIR: e2eDataDir,
      DATABASE_URL: '',
      // Every test signs people up from 127.0.0.1; the per-address limit for people is not what these tests test.
      WEFT_AUTH_ATTEMPTS_PER_MINUTE: '10000',
      // Tests sign up many people without invitations.
      WEFT_SIGNUP: 'open',
      // No model provider key from the machine running the tests: the editor's warnings about missing keys are tested.
      OPENAI_API_KEY: '',
      ANTHROPIC_API_KEY: '',
      OPENAI_COMPATIBLE_BASE_URL: '',
    }),
  },
});
