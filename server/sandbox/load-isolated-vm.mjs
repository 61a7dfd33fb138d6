import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * isolated-vm's majors follow Node's (5.x: Node 20, 6.x: Node 22, 7.x: Node 24), so package.json lists all three as
 * optional dependencies under these aliases. npm skips the ones whose `engines` exclude the running Node and drops
 * the ones whose native module fails to build; this picks the newest that loads. Plain JavaScript because the
 * sandbox child (`child.mjs`) runs it directly.
 */
const CANDIDATES = ['isolated-vm-7', 'isolated-vm-6', 'isolated-vm-5'];

/** Resolved from the project root at run time, so that no bundler tries to follow or rewrite these requires. */
const requireFromProject = createRequire(path.join(process.cwd(), 'package.json'));

/** @type {import('./load-isolated-vm.d.mts').LoadedIsolatedVm | null} */
let loaded = null;

function firstLine(error) {
  return String(error instanceof Error ? error.message : error).split('\n')[0];
}

/** @returns {import('./load-isolated-vm.d.mts').LoadedIsolatedVm} */
export function loadIsolatedVm() {
  if (loaded) return loaded;
  const failures = [];
  for (const packageName of CANDIDATES) {
    try {
      const ivm = requireFromProject(packageName);
      const { version } = requireFromProject(`${packageName}/package.json`);
      loaded = { ivm, packageName, version };
      return loaded;
    } catch (error) {
      failures.push(`${packageName}: ${firstLine(error)}`);
    }
  }
  throw new Error(
    `The code sandbox cannot start: no isolated-vm build loads on Node.js ${process.version}. ` +
      'Run `npm ci` again under the Node.js you start Weft with (supported: the `engines` in package.json). ' +
      `(${failures.join('; ')})`,
  );
}
