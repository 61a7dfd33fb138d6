import { createHmac, randomInt } from 'node:crypto';
import { constantTimeEqual, sha256Hex } from '../secrets/crypto';

// How a webhook call proves it knows the secret: `Authorization: Bearer <secret>`, `?token=<secret>`, or a
// Standard Webhooks signature (https://www.standardwebhooks.com): HMAC-SHA256 over "{id}.{timestamp}.{body}"
// keyed with the base64 part of the `whsec_` secret, in `webhook-signature: v1,<base64>` (several may be listed).

const SIGNATURE_TOLERANCE_SECONDS = 300;

export type WebhookAuthResult =
  | { ok: true; method: 'bearer' | 'token' | 'signature'; messageId: string | null }
  | { ok: false; reason: 'missing_credential' | 'wrong_secret' | 'bad_signature' | 'stale_timestamp' };

export interface WebhookCredentials {
  secretHash: string;
  /** Only needed for signed requests, so it is decrypted lazily. */
  secret: () => string;
}

/** The characters base64 and base64url share: a secret made of them is URL-safe as it is. */
const URL_SAFE_BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const SECRET_CHARACTERS = 44;

/**
 * A new `whsec_` secret: 44 random characters (≈262 bits) that are at once valid base64 (a 33-byte signing key,
 * as Standard Webhooks libraries expect) and valid base64url, so `?token=<secret>` works when pasted as shown,
 * with nothing to percent-encode.
 */
export function mintWebhookSecret(): string {
  return `whsec_${Array.from({ length: SECRET_CHARACTERS }, () => URL_SAFE_BASE64_ALPHABET[randomInt(URL_SAFE_BASE64_ALPHABET.length)]).join('')}`;
}

function signatureKey(secret: string): Buffer {
  return Buffer.from(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret, 'base64');
}

export function signPayload(secret: string, messageId: string, timestamp: number, body: string): string {
  return createHmac('sha256', signatureKey(secret)).update(`${messageId}.${timestamp}.${body}`).digest('base64');
}

export function authenticateWebhookCall(headers: Headers, url: URL, rawBody: string, credentials: WebhookCredentials, now = Date.now()): WebhookAuthResult {
  const messageId = headers.get('webhook-id');
  const timestamp = headers.get('webhook-timestamp');
  const signature = headers.get('webhook-signature');
  if (messageId && timestamp && signature) {
    const seconds = Number(timestamp);
    if (!Number.isInteger(seconds) || Math.abs(now / 1000 - seconds) > SIGNATURE_TOLERANCE_SECONDS) return { ok: false, reason: 'stale_timestamp' };
    const expected = signPayload(credentials.secret(), messageId, seconds, rawBody);
    const offered = signature
      .split(' ')
      .map((part) => part.trim())
      .filter((part) => part.startsWith('v1,'))
      .map((part) => part.slice(3));
    // Every offered signature is compared, in constant time, so timing says nothing about which one matched.
    const matches = offered.map((candidate) => constantTimeEqual(candidate, expected)).includes(true);
    return matches ? { ok: true, method: 'signature', messageId } : { ok: false, reason: 'bad_signature' };
  }
  const bearer = headers.get('authorization')?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim();
  const token = bearer ?? url.searchParams.get('token');
  if (!token) return { ok: false, reason: 'missing_credential' };
  return constantTimeEqual(sha256Hex(token), credentials.secretHash)
    ? { ok: true, method: bearer ? 'bearer' : 'token', messageId: null }
    : { ok: false, reason: 'wrong_secret' };
}
