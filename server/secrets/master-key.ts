// Server code only: a client bundle that reaches this module fails to build instead of shipping it.
import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { env } from '../env';

// The key everything secret is encrypted under. WEFT_SECRET_KEY wins; without it a random key is generated once
// into the data directory so a fresh install works, with a warning, because losing that file loses the secrets.

let cached: Buffer | undefined;

function fromConfigured(value: string): Buffer {
  // Any string works; a 32-byte base64 key is used as is, anything else is stretched to 32 bytes.
  const decoded = Buffer.from(value, 'base64');
  return decoded.length === 32 ? decoded : createHash('sha256').update(value).digest();
}

export function masterKey(): Buffer {
  if (cached) return cached;
  const { WEFT_SECRET_KEY, WEFT_DATA_DIR } = env();
  if (WEFT_SECRET_KEY) return (cached = fromConfigured(WEFT_SECRET_KEY));
  const file = path.join(WEFT_DATA_DIR, 'secret.key');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(WEFT_DATA_DIR, { recursive: true });
    try {
      fs.writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
      console.warn(
        `[weft] WEFT_SECRET_KEY is not set: generated a secret key into ${file}. ` +
          'Back it up (or set WEFT_SECRET_KEY): credentials and webhook secrets cannot be read without it.',
      );
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return (cached = fromConfigured(fs.readFileSync(file, 'utf8').trim()));
}
