import { createAuthClient } from 'better-auth/react';

/**
 * better-auth in the browser: `signUp.email`, `signIn.email`, `signOut`. It talks to `/api/auth/*` on the origin
 * the page was loaded from, so the app works on whatever host people reach it on.
 */
export const authClient = createAuthClient();

export const MIN_PASSWORD_LENGTH = 8;

/** What to tell someone whose browser did not keep the session cookie after a successful sign-in. */
export function cookieRefusedMessage(): string {
  if (window.location.protocol === 'http:') {
    return (
      'Your account is fine, but this browser did not keep the sign-in cookie: the server sends secure (HTTPS-only) ' +
      `cookies and this page was opened over plain HTTP at ${window.location.host}. Open Weft at its https:// address, ` +
      'or ask the administrator to check WEFT_PUBLIC_URL.'
    );
  }
  return 'Your account is fine, but this browser did not keep the sign-in cookie. Allow cookies for this site and try again.';
}

/** Plain-language messages for what better-auth answers, keyed by its error codes. */
export function authErrorMessage(error: { code?: string; message?: string; status?: number } | null | undefined): string {
  if (!error) return 'Something went wrong. Please try again.';
  // The per-account lockout says how long to wait.
  if (error.code === 'ACCOUNT_TEMPORARILY_LOCKED' && error.message) return error.message;
  if (error.status === 429) return 'Too many attempts in a short time. Wait a few seconds and try again.';
  switch (error.code) {
    case 'INVALID_EMAIL_OR_PASSWORD':
    case 'INVALID_PASSWORD':
    case 'CREDENTIAL_ACCOUNT_NOT_FOUND':
    case 'USER_NOT_FOUND':
      return 'Wrong email or password.';
    case 'USER_ALREADY_EXISTS':
    case 'USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL':
      return 'An account with this email already exists. Sign in instead, or use another email.';
    case 'PASSWORD_TOO_SHORT':
      return `Password is too short: use at least ${MIN_PASSWORD_LENGTH} characters.`;
    case 'PASSWORD_TOO_LONG':
      return 'Password is too long: use at most 128 characters.';
    case 'INVALID_EMAIL':
      return 'Enter a valid email address.';
  }
  if (!error.status || error.status >= 500) return 'The server could not complete this. Please try again in a moment.';
  return error.message || 'Something went wrong. Please try again.';
}
