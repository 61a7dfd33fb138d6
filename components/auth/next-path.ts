const DEFAULT_AFTER_SIGN_IN = '/workflows';

/**
 * Where to go after signing in or up: the `?next=` path when it is a path on this site, else the workflows page.
 * Anything that could leave the site is ignored: `//evil.example`, `https://…`, `/\evil`, and paths with whitespace
 * or control characters, which browsers strip (`/<tab>/evil.example` would become `//evil.example`).
 */
export function safeNextPath(next: string | string[] | null | undefined): string {
  const value = Array.isArray(next) ? next[0] : next;
  if (!value || !value.startsWith('/') || /^\/[/\\]|[\s\x00-\x1f\x7f\\]/.test(value)) return DEFAULT_AFTER_SIGN_IN;
  if (value.startsWith('/sign-in') || value.startsWith('/sign-up') || value.startsWith('/api/')) return DEFAULT_AFTER_SIGN_IN;
  return value;
}

/** `/sign-in?next=…` (or sign-up), keeping the way back unless it is the default. */
export function authPageHref(page: '/sign-in' | '/sign-up', next: string): string {
  return next === DEFAULT_AFTER_SIGN_IN ? page : `${page}?next=${encodeURIComponent(next)}`;
}

/** The invitation token when `next` is an invitation link (`/invite/<token>`): sign-up sends it along. */
export function invitationTokenIn(next: string): string | null {
  const match = /^\/invite\/([^/?#]+)$/.exec(next);
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}
