'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Menu, MenuItem, MenuLabel, MenuSeparator } from '@/components/ui/menu';
import { authClient } from './auth-client';
import { useAccount } from './use-account';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? '') + (parts.length > 1 ? (parts.at(-1)?.[0] ?? '') : '')).toUpperCase() || '?';
}

/**
 * The signed-in person's menu. The server passes who is signed in, so the header is right on the first paint;
 * `account.me` takes over once loaded (it follows a renamed account).
 */
export function UserMenu({ initialUser }: { initialUser: { name: string; email: string } }) {
  const router = useRouter();
  const { me } = useAccount();
  const user = me?.user ?? initialUser;
  const [signingOut, setSigningOut] = useState(false);

  async function signOut() {
    setSigningOut(true);
    try {
      await authClient.signOut();
    } finally {
      // A full page load, not a client navigation: it drops every cached query and all state of the signed-in person.
      // eslint-disable-next-line @next/next/no-location-assign-relative-destination
      window.location.assign('/sign-in');
    }
  }

  return (
    <Menu
      label={`Account menu for ${user.name}`}
      buttonClassName="flex h-8 items-center gap-2 rounded-full pr-1 pl-1 text-sm hover:bg-zinc-100 sm:pr-2 dark:hover:bg-zinc-800"
      button={
        <>
          <span aria-hidden className="grid h-7 w-7 place-items-center rounded-full bg-indigo-100 text-xs font-semibold text-indigo-700 dark:bg-indigo-950 dark:text-indigo-300">
            {initials(user.name)}
          </span>
          <span className="hidden max-w-[10rem] truncate text-zinc-700 sm:inline dark:text-zinc-200">{signingOut ? 'Signing out…' : user.name}</span>
        </>
      }
    >
      <MenuLabel>
        <span className="block truncate text-sm font-medium text-zinc-900 dark:text-zinc-100">{user.name}</span>
        <span className="block truncate">{user.email}</span>
      </MenuLabel>
      <MenuSeparator />
      <MenuItem onSelect={() => router.push('/settings')}>Settings</MenuItem>
      <MenuItem onSelect={signOut}>Sign out</MenuItem>
    </Menu>
  );
}
