import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { buildIfStale } from './build-if-stale.mjs';

// `npm run test:e2e`: Playwright against the production build, in Debian's chromium (never a downloaded browser).

const chromium = process.env.PLAYWRIGHT_CHROMIUM_PATH || '/usr/bin/chromium';
if (!fs.existsSync(chromium)) {
  console.error(
    `\n[weft] The browser tests need chromium, and there is none at ${chromium}.\n` +
      '  Install Debian\'s package:   apt-get install -y chromium\n' +
      '  or point at another build:   PLAYWRIGHT_CHROMIUM_PATH=/path/to/chromium npm test\n' +
      '  (never `npx playwright install`: it downloads a browser, which this setup does not allow)\n',
  );
  process.exit(1);
}

buildIfStale();
const result = spawnSync(process.execPath, ['node_modules/@playwright/test/cli.js', 'test', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, PLAYWRIGHT_CHROMIUM_PATH: chromium },
});
process.exit(result.status ?? 1);
