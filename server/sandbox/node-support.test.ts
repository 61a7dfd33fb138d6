import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { disposeSandboxPool, runInSandbox } from '.';
import { loadIsolatedVm } from './load-isolated-vm.mjs';

afterAll(() => disposeSandboxPool());

// The isolated-vm major made for each supported Node line (package.json lists them as optional dependencies).
const MAJOR_FOR_NODE: Record<string, string> = { '20': '5', '22': '6', '24': '7' };

const nodeMajor = process.versions.node.split('.')[0];
const { version } = loadIsolatedVm();

it(`runs user code on Node.js ${process.version} with isolated-vm ${version}`, async () => {
  // Printed too, because CI's reporter lists passing tests by file only.
  console.info(`sandbox: Node.js ${process.version}, isolated-vm ${version}`);
  expect(version.split('.')[0]).toBe(MAJOR_FOR_NODE[nodeMajor]);
  const { value, console: output } = await runInSandbox({ code: 'console.log("hello from the sandbox"); return [1, 2, 3].map((n) => n * 2)' });
  expect(value).toEqual([2, 4, 6]);
  expect(output.map((entry) => entry.message)).toEqual(['hello from the sandbox']);
});

it('says in one error which Node it is on when no isolated-vm build is installed', () => {
  const emptyProject = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-no-ivm-'));
  const loader = path.resolve('server/sandbox/load-isolated-vm.mjs');
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', `(await import(${JSON.stringify(loader)})).loadIsolatedVm()`], {
    cwd: emptyProject,
    encoding: 'utf8',
  });
  fs.rmSync(emptyProject, { recursive: true, force: true });
  expect(result.status).not.toBe(0);
  expect(result.stderr).toContain(`The code sandbox cannot start: no isolated-vm build loads on Node.js ${process.version}.`);
  expect(result.stderr).toContain('isolated-vm-5: Cannot find module');
});
