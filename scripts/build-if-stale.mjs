import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

// `npm start` and the e2e run serve the production build; this rebuilds it only when a source file is newer than
// the last build, so a fresh clone builds once and an unchanged checkout starts at once.

const SOURCES = ['app', 'components', 'lib', 'server', 'prisma', 'public', 'instrumentation.ts', 'proxy.ts', 'next.config.ts', 'package.json', 'postcss.config.mjs'];
const SKIP = new Set(['node_modules', 'generated', '.next']);

function newestMtime(entry) {
  const stat = fs.statSync(entry, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of fs.readdirSync(entry)) {
    if (!SKIP.has(child)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  }
  return newest;
}

export function buildIsStale() {
  const buildId = fs.statSync('.next/BUILD_ID', { throwIfNoEntry: false });
  if (!buildId) return true;
  return SOURCES.some((source) => newestMtime(source) > buildId.mtimeMs);
}

export function buildIfStale() {
  if (!buildIsStale()) return;
  console.log('[weft] building the app (sources changed since the last build) ...');
  const result = spawnSync(process.execPath, ['node_modules/next/dist/bin/next', 'build'], {
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (result.status !== 0) {
    console.error('[weft] the build failed; see above.');
    process.exit(result.status ?? 1);
  }
}
