import { describe, expect, it } from 'vitest';
import { authPageHref, invitationTokenIn, safeNextPath } from './next-path';

describe('where sign-in leads next', () => {
  it('goes to the workflows page when no page is named', () => {
    expect(safeNextPath(undefined)).toBe('/workflows');
    expect(safeNextPath('')).toBe('/workflows');
  });

  it('returns to the page that asked, query included', () => {
    expect(safeNextPath('/settings')).toBe('/settings');
    expect(safeNextPath('/settings/members?tab=1')).toBe('/settings/members?tab=1');
    expect(safeNextPath('/invite/abcdefghijkl')).toBe('/invite/abcdefghijkl');
    expect(safeNextPath(['/settings', '/workflows'])).toBe('/settings');
  });

  it('never leads off the site', () => {
    for (const evil of ['https://evil.example', '//evil.example', '/\\evil.example', '/\t/evil.example', '/\n/evil.example', 'evil.example', '/ /x']) {
      expect(safeNextPath(evil)).toBe('/workflows');
    }
  });

  it('does not loop back to the sign-in pages or into the API', () => {
    expect(safeNextPath('/sign-in?next=/settings')).toBe('/workflows');
    expect(safeNextPath('/sign-up')).toBe('/workflows');
    expect(safeNextPath('/api/health')).toBe('/workflows');
  });

  it('links to the sign-in and sign-up pages keep the way back', () => {
    expect(authPageHref('/sign-in', '/settings/api-keys')).toBe('/sign-in?next=%2Fsettings%2Fapi-keys');
    expect(authPageHref('/sign-up', '/workflows')).toBe('/sign-up');
  });

  it('finds the invitation a sign-up is for, so an invitation-only server lets it through', () => {
    expect(invitationTokenIn('/invite/abc%2Bdef')).toBe('abc+def');
    expect(invitationTokenIn('/workflows')).toBeNull();
    expect(invitationTokenIn('/invite/abc/extra')).toBeNull();
  });
});
