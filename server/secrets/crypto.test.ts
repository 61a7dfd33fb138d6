import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { resetEnvForTests } from '../env';

// The master key and what is encrypted under it. Each case loads the modules fresh, as a new process would.

const saved = { key: process.env.WEFT_SECRET_KEY, dir: process.env.WEFT_DATA_DIR };
afterEach(() => {
  process.env.WEFT_SECRET_KEY = saved.key;
  process.env.WEFT_DATA_DIR = saved.dir;
  resetEnvForTests();
  vi.resetModules();
});

async function freshCrypto() {
  vi.resetModules();
  const env = await import('../env');
  env.resetEnvForTests();
  return import('./crypto');
}

describe('secrets at rest', () => {
  it('round-trips through AES-256-GCM, with a fresh IV each time, and refuses a tampered value', async () => {
    const { encryptSecret, decryptSecret } = await freshCrypto();
    const a = encryptSecret('sk-live-123');
    const b = encryptSecret('sk-live-123');
    expect(a).not.toBe(b);
    expect(a).not.toContain('sk-live-123');
    expect(decryptSecret(a)).toBe('sk-live-123');
    const [v, iv, tag, body] = a.split(':');
    const flipped = Buffer.from(body, 'base64');
    flipped[0] ^= 1;
    expect(() => decryptSecret([v, iv, tag, flipped.toString('base64')].join(':'))).toThrow(/could not be decrypted/);
  });

  it('cannot be read under another WEFT_SECRET_KEY', async () => {
    const first = await freshCrypto();
    const sealed = first.encryptSecret('value');
    process.env.WEFT_SECRET_KEY = 'a-completely-different-key-000';
    const second = await freshCrypto();
    expect(() => second.decryptSecret(sealed)).toThrow(/WEFT_SECRET_KEY/);
  });

  it('generates a key into the data directory when none is configured, readable only by its owner, and keeps it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-key-'));
    delete process.env.WEFT_SECRET_KEY;
    process.env.WEFT_DATA_DIR = dir;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const first = await freshCrypto();
    const sealed = first.encryptSecret('kept');
    const file = path.join(dir, 'secret.key');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('WEFT_SECRET_KEY is not set'));
    const second = await freshCrypto(); // a restart reads the same key
    expect(second.decryptSecret(sealed)).toBe('kept');
    warn.mockRestore();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
