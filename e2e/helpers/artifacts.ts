import fs from 'node:fs';
import path from 'node:path';

// Screenshots the browser tests leave behind for people to look at (CI keeps e2e/artifacts).

/** Where to save a screenshot called `name` under e2e/artifacts, creating the folder on first use. */
export function screenshotPath(name: string): string {
  const dir = path.join('e2e', 'artifacts');
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, name);
}
