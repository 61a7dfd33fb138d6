import fs from 'node:fs';
import path from 'node:path';

// Which Chromium the browser tests use, in this order: PLAYWRIGHT_CHROMIUM_PATH, Debian's /usr/bin/chromium, then on
// Linux x64 the Chromium inside the @sparticuz/chromium npm package (so `npm test` needs nothing but npm), elsewhere
// the installed Google Chrome. Never a browser downloaded by `npx playwright install`.

const SYSTEM_CHROMIUM = '/usr/bin/chromium';
/** Unpacked once per checkout (~10 s); @sparticuz/chromium unpacks into the temporary directory it is given. */
const UNPACK_DIR = path.join(process.cwd(), 'node_modules', '.cache', 'weft-chromium');

/** @returns {Promise<{ env: Record<string, string>, description: string }>} what the Playwright config reads */
export async function findChromium() {
  const chosen = process.env.PLAYWRIGHT_CHROMIUM_PATH;
  if (chosen) {
    if (!fs.existsSync(chosen)) throw new Error(`PLAYWRIGHT_CHROMIUM_PATH is set to ${chosen}, and there is nothing there.`);
    return { env: { PLAYWRIGHT_CHROMIUM_PATH: chosen }, description: chosen };
  }
  if (fs.existsSync(SYSTEM_CHROMIUM)) return { env: { PLAYWRIGHT_CHROMIUM_PATH: SYSTEM_CHROMIUM }, description: SYSTEM_CHROMIUM };
  if (process.platform === 'linux' && process.arch === 'x64') {
    const executable = await unpackPackagedChromium();
    return { env: { PLAYWRIGHT_CHROMIUM_PATH: executable }, description: `${executable} (from @sparticuz/chromium)` };
  }
  return { env: { PLAYWRIGHT_CHROMIUM_CHANNEL: 'chrome' }, description: 'the installed Google Chrome' };
}

async function unpackPackagedChromium() {
  let chromium;
  try {
    chromium = (await import('@sparticuz/chromium')).default;
  } catch {
    throw new Error('The npm package @sparticuz/chromium is missing: run `npm ci` (it is a dev dependency).');
  }
  fs.mkdirSync(UNPACK_DIR, { recursive: true });
  const savedTmpdir = process.env.TMPDIR;
  process.env.TMPDIR = UNPACK_DIR;
  try {
    return await chromium.executablePath();
  } finally {
    if (savedTmpdir === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmpdir;
  }
}
