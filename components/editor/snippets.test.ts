import { execFileSync } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { curlBearer, curlSigned, exampleBody, pythonBearer, pythonLiteral, pythonSigned } from './snippets';

// The webhook snippets are pasted by people into terminals: the signed ones must compute exactly the Standard
// Webhooks signature the server checks (HMAC-SHA256 keyed with the base64-decoded part of the whsec_ secret).

const secret = `whsec_${randomBytes(32).toString('base64')}`;
const url = 'http://127.0.0.1:3000/api/webhooks/wh_123';

function expected(id: string, timestamp: string, body: string) {
  return createHmac('sha256', Buffer.from(secret.slice('whsec_'.length), 'base64')).update(`${id}.${timestamp}.${body}`).digest('base64');
}

function has(command: string) {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('webhook snippets', () => {
  it('quote the URL, secret and body for a shell', () => {
    const snippet = curlBearer({ url, secret, body: `{"text":"it's"}` });
    expect(snippet).toContain(`-H 'Authorization: Bearer ${secret}'`);
    expect(snippet).toContain(`-d '{"text":"it'\\''s"}'`);
  });

  it.skipIf(!has('openssl') || !has('base64') || !has('od'))('curl (signed) computes the signature the server expects', () => {
    const body = '{"text": "hello"}';
    const script = curlSigned({ url, secret, body }).replace(/curl -X POST[\s\S]*$/, 'printf "%s\\n%s\\n%s" "$MSG_ID" "$TS" "$SIG"');
    const [id, timestamp, signature] = execFileSync('bash', ['-c', script], { encoding: 'utf8' }).trim().split('\n');
    expect(signature).toBe(expected(id, timestamp, body));
  });

  it.skipIf(!has('python3'))('Python (signed) computes the signature the server expects', () => {
    const body = '{"text": "hello"}';
    const script = pythonSigned({ url, secret, body })
      .replace('import requests\n', '')
      .replace(/response = requests\.post\([\s\S]*$/, 'print(msg_id); print(timestamp); print(signature); print(body)');
    const [id, timestamp, signature, sent] = execFileSync('python3', ['-c', script], { encoding: 'utf8' }).trim().split('\n');
    expect(signature).toBe(expected(id, timestamp, sent));
  });

  it('write JSON bodies as Python literals', () => {
    expect(pythonLiteral('{"a": true, "b": null, "c": [1, "x"]}')).toBe('{"a": True, "b": None, "c": [1, "x"]}');
    expect(pythonBearer({ url, secret, body: '{"n": 1}' })).toContain('json={"n": 1}');
  });

  it('build an example body from the input fields', () => {
    expect(exampleBody([{ name: 'text', type: 'string' }, { name: 'n', type: 'number' }])).toBe('{"text":"hello","n":1}');
    expect(exampleBody(undefined)).toBe('{"text": "hello"}');
  });
});
