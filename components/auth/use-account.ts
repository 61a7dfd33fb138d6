'use client';

import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc';
import { useHydrated } from '@/components/ui/use-hydrated';

/**
 * The signed-in person, the workspace they are acting in, their role there and all their workspaces
 * (`trpc.account.me`). `me` is null when nobody is signed in or while `pending`.
 */
export function useAccount() {
  const trpc = useTRPC();
  const query = useQuery(trpc.account.me.queryOptions());
  // A part of a page the server streams after the shell may hydrate when the browser already has the account (the
  // header asked for it) while the server rendered that part without one: until hydrated it is still loading, as
  // on the server, or React finds the two renders different.
  const hydrated = useHydrated();
  const pending = !hydrated || query.isPending;
  const me = pending ? null : (query.data ?? null);
  const workspace = me?.workspaces.find((w) => w.id === me.workspace_id) ?? null;
  return { query, pending, failed: !pending && query.isError, me, workspace, role: me?.role ?? null };
}
