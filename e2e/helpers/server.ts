import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serverProcessEnv } from '../../scripts/server-env.mjs';

// A Weft server of a test's own (production build), for tests that must stop or restart a server.

export interface TestServer {
  url: string;
  dataDir: string;
  process: ChildProcess;
  output: () => string;
}

export const BOOTSTRAP_KEY = 'weft_e2e_bootstrap_key_0123456789';

export function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'weft-e2e-own-'));
}

/**
 * Starts the production server; `env` adds to or overrides its environment (e.g. `DATABASE_URL`), `nodeArgs` go to
 * Node itself (flags NODE_OPTIONS refuses, such as `--cpu-prof`).
 */
export async function startServer(port: number, dataDir: string, env: Record<string, string> = {}, nodeArgs: string[] = []): Promise<TestServer> {
  let output = '';
  const child = spawn(process.execPath, [...nodeArgs, 'scripts/server.mjs', '-p', String(port), '-H', '127.0.0.1'], {
    env: serverProcessEnv({
      ...process.env,
      WEFT_DATA_DIR: dataDir,
      DATABASE_URL: '',
      // Not the test runner's own (tsx, vitest's); serverProcessEnv adds what the server needs.
      NODE_OPTIONS: '',
      WEFT_BOOTSTRAP_API_KEY: BOOTSTRAP_KEY,
      WEFT_ALLOW_PRIVATE_NETWORK: 'true',
      WEFT_AUTH_ATTEMPTS_PER_MINUTE: '10000',
      WEFT_SIGNUP: 'open',
      ...env,
    }),
  });
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output}`);
    try {
      const res = await fetch(`${url}/api/health`);
      // The bootstrap key is created right after the database opens; wait until it works.
      if (res.ok && (await fetch(`${url}/api/workflows`, { headers: { authorization: `Bearer ${BOOTSTRAP_KEY}` } })).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not become ready:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url, dataDir, process: child, output: () => output };
}

export async function stopServer(server: TestServer, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (server.process.exitCode !== null) return;
  const exited = new Promise((resolve) => server.process.once('exit', resolve));
  server.process.kill(signal);
  await exited;
}
