import { spawn } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { e2eDataDir } from '../playwright.config';

test('a second server on the same data directory exits with a clear message and the first keeps serving', async ({ request }) => {
  const before = await request.get('/api/health');
  expect(before.status()).toBe(200);

  const second = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-p', '3199', '-H', '127.0.0.1'], {
    env: { ...process.env, WEFT_DATA_DIR: e2eDataDir, DATABASE_URL: '', NODE_OPTIONS: '--no-node-snapshot' },
  });
  let output = '';
  second.stdout.on('data', (chunk) => (output += chunk));
  second.stderr.on('data', (chunk) => (output += chunk));
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => second.kill('SIGKILL'), 30_000);
    second.on('exit', (exitCode) => {
      clearTimeout(timer);
      resolve(exitCode);
    });
  });

  expect(code).not.toBe(0);
  expect(code).not.toBeNull();
  expect(output).toContain(`The data directory ${e2eDataDir} is in use by another Weft process (pid `);

  const after = await request.get('/api/health');
  expect(after.status()).toBe(200);
  expect(await after.json()).toMatchObject({ status: 'ok', database: 'pglite' });
});
