import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { constantTimeEqual, sha256Hex } from '../secrets/crypto';
import { signPayload } from '../services/webhook-auth';
import { defineTrigger } from './types';

// A standing webhook at /api/hooks/{id}: every authenticated call runs the deployed version. How a call proves it
// knows the secret is the trigger's `auth`: a bearer token, a Standard Webhooks signature, an HMAC-SHA256 of the body
// in a named header, GitHub's X-Hub-Signature-256, Stripe's Stripe-Signature, or nothing at all (chosen on purpose).

const SIGNATURE_TOLERANCE_SECONDS = 300;
const DEFAULT_SIGNATURE_HEADER = 'X-Signature-256';

const webhookAuths = ['bearer', 'standard_webhooks', 'hmac_sha256', 'github', 'stripe', 'none'] as const;

const webhookConfig = z.strictObject({
  auth: z.enum(webhookAuths).default('bearer'),
  /** `sync` answers with the output; `async` answers 202 with the execution id at once. */
  mode: z.enum(['sync', 'async']).default('sync'),
  /** For `hmac_sha256`: the header carrying the hex HMAC of the body (`sha256=` prefix allowed). */
  signature_header: z
    .string()
    .regex(/^[A-Za-z0-9-]{1,100}$/, 'must be an HTTP header name')
    .optional(),
});
type WebhookConfig = z.output<typeof webhookConfig>;

export type HookAuthResult = { ok: true; deliveryId: string | null } | { ok: false; reason: string };

export interface HookCall {
  headers: Headers;
  url: URL;
  rawBody: string;
}

interface HookSecret {
  hash: string | null;
  /** Decrypted only when a signature needs it. */
  value: () => string;
}

const hmacHex = (secret: string, text: string) => createHmac('sha256', secret).update(text).digest('hex');
const fresh = (seconds: number, now: number) => Number.isInteger(seconds) && Math.abs(now / 1000 - seconds) <= SIGNATURE_TOLERANCE_SECONDS;
/** Every offered signature is compared in constant time, so timing says nothing about which one matched. */
const anyMatches = (offered: string[], expected: string) => offered.map((candidate) => constantTimeEqual(candidate, expected)).includes(true);

/** The id a sender gives a delivery (and keeps on its retries), so a replay within 24 h does not run twice. */
function deliveryIdOf(call: HookCall, auth: WebhookConfig['auth']): string | null {
  const header = ['webhook-id', 'x-github-delivery', 'idempotency-key', 'x-delivery-id'].map((name) => call.headers.get(name)).find(Boolean);
  if (header) return header.slice(0, 200);
  if (auth !== 'stripe') return null;
  // Stripe names the event in the body (`evt_…`) and sends it again with the same id when it retries.
  try {
    const id = (JSON.parse(call.rawBody) as { id?: unknown }).id;
    return typeof id === 'string' ? id.slice(0, 200) : null;
  } catch {
    return null;
  }
}

function verify(call: HookCall, config: WebhookConfig, secret: HookSecret, now: number): string | null {
  const { headers, rawBody } = call;
  switch (config.auth) {
    case 'none':
      return null;
    case 'bearer': {
      const token = headers.get('authorization')?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim() ?? call.url.searchParams.get('token');
      if (!token || !secret.hash) return 'missing_credential';
      return constantTimeEqual(sha256Hex(token), secret.hash) ? null : 'wrong_secret';
    }
    case 'standard_webhooks': {
      const [id, timestamp, signature] = ['webhook-id', 'webhook-timestamp', 'webhook-signature'].map((name) => headers.get(name));
      if (!id || !timestamp || !signature) return 'missing_signature';
      if (!fresh(Number(timestamp), now)) return 'stale_timestamp';
      const offered = signature.split(' ').filter((part) => part.startsWith('v1,')).map((part) => part.slice(3));
      return anyMatches(offered, signPayload(secret.value(), id, Number(timestamp), rawBody)) ? null : 'bad_signature';
    }
    case 'hmac_sha256':
    case 'github': {
      const name = config.auth === 'github' ? 'X-Hub-Signature-256' : (config.signature_header ?? DEFAULT_SIGNATURE_HEADER);
      const offered = headers.get(name)?.trim().replace(/^sha256=/i, '').toLowerCase();
      if (!offered) return 'missing_signature';
      return constantTimeEqual(offered, hmacHex(secret.value(), rawBody)) ? null : 'bad_signature';
    }
    case 'stripe': {
      // Stripe-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "{t}.{body}">[,v1=…]
      const parts = (headers.get('stripe-signature') ?? '').split(',').map((part) => part.trim().split('='));
      const timestamp = parts.find(([key]) => key === 't')?.[1];
      const offered = parts.filter(([key]) => key === 'v1').map(([, value]) => value ?? '');
      if (!timestamp || offered.length === 0) return 'missing_signature';
      if (!fresh(Number(timestamp), now)) return 'stale_timestamp';
      return anyMatches(offered, hmacHex(secret.value(), `${timestamp}.${rawBody}`)) ? null : 'bad_signature';
    }
  }
}

/** Whether a call to a standing webhook is authentic under its config, and its delivery id. */
export function authenticateHookCall(call: HookCall, config: WebhookConfig, secret: HookSecret, now = Date.now()): HookAuthResult {
  const reason = verify(call, config, secret, now);
  return reason ? { ok: false, reason } : { ok: true, deliveryId: deliveryIdOf(call, config.auth) };
}

export const webhookTrigger = defineTrigger({
  kind: 'webhook',
  description: 'A standing URL: every authenticated POST runs the deployed version with the JSON body as input.',
  executionTrigger: 'webhook',
  config: webhookConfig,
  path: (id) => `/api/hooks/${id}`,
  secret: true,
});
