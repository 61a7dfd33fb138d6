// Server code only: a client bundle that reaches this module fails to build instead of shipping it.
import 'server-only';
import { createHmac } from 'node:crypto';
import { constantTimeEqual } from './crypto';
import { masterKey } from './master-key';

// Tokens that carry their own claims (an approval link's execution, block and expiry), so nothing needs storing:
// the claims are readable, and an HMAC under a key derived from the master key for one purpose proves we issued
// them unchanged. A token signed for one purpose never verifies for another.

function purposeKey(purpose: string): Buffer {
  return createHmac('sha256', masterKey()).update(`weft signed token v1: ${purpose}`).digest();
}

function signature(purpose: string, body: string): string {
  return createHmac('sha256', purposeKey(purpose)).update(body).digest('base64url');
}

export function signToken(purpose: string, claims: object): string {
  const body = Buffer.from(JSON.stringify(claims), 'utf8').toString('base64url');
  return `${body}.${signature(purpose, body)}`;
}

/** The claims of a token signed for this purpose, or null when it was altered, made up or signed for another. */
export function verifyToken(purpose: string, token: string): unknown {
  const [body, given, ...rest] = token.split('.');
  if (!body || !given || rest.length > 0) return null;
  if (!constantTimeEqual(given, signature(purpose, body))) return null;
  try {
    return JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as unknown;
  } catch {
    return null;
  }
}
