import { spawnSync } from 'node:child_process';
import { buildIfStale } from './build-if-stale.mjs';
import { findChromium } from './find-chromium.mjs';
import { exitUnlessNodeSupported } from './node-support.mjs';

// `npm run test:e2e`: Playwright against the production build, in a Chromium found by find-chromium.mjs.

exitUnlessNodeSupported();

let browser;
try {
  browser = await findChromium();
} catch (error) {
  console.error(
    `\n[weft] The browser tests need Chromium: ${error instanceof Error ? error.message : error}\n` +
      '  Debian/Ubuntu:         apt-get install -y chromium\n' +
      '  any other Chromium:    PLAYWRIGHT_CHROMIUM_PATH=/path/to/chromium npm test\n' +
      '  (never `npx playwright install`: it downloads a browser, which this setup does not allow)\n',
  );
  process.exit(1);
}
console.log(`[weft] browser tests run in ${browser.description}`);

buildIfStale();
const result = spawnSync(process.execPath, ['node_modules/@playwright/test/cli.js', 'test', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, ...browser.env },
});
process.exit(result.status ?? 1);
