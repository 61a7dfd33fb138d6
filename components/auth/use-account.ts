'use client';

import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc';

/**
 * The signed-in person, the workspace they are acting in, their role there and all their workspaces
 * (`trpc.account.me`). `data` is null when nobody is signed in.
 */
export function useAccount() {
  const trpc = useTRPC();
  const query = useQuery(trpc.account.me.queryOptions());
  const me = query.data ?? null;
  const workspace = me?.workspaces.find((w) => w.id === me.workspace_id) ?? null;
  return { query, me, workspace, role: me?.role ?? null };
}
