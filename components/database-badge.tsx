'use client';

import { useQuery } from '@tanstack/react-query';
import type { DatabaseKind } from '@/server/db/open';
import { useTRPC } from './trpc';

/** In words a non-developer reads: the built-in database or PostgreSQL (the technical name in the tooltip). */
const DATABASE_LABEL: Record<DatabaseKind, string> = { pglite: 'embedded database', postgres: 'PostgreSQL' };

/** Shows which database the server runs on, and says so loudly when it cannot reach it. */
export function DatabaseBadge() {
  const trpc = useTRPC();
  const health = useQuery({ ...trpc.health.get.queryOptions(), refetchInterval: 30_000 });
  if (!health.data) return null;
  const ok = health.data.status === 'ok';
  return (
    <span
      title={ok ? `Database: ${health.data.database}` : health.data.reason}
      className={`inline-flex items-center gap-1.5 rounded-full px-2.5 py-1 text-xs ${
        ok ? 'bg-zinc-100 text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300' : 'bg-red-100 text-red-700'
      }`}
    >
      <span className={`h-1.5 w-1.5 rounded-full ${ok ? 'bg-emerald-500' : 'bg-red-500'}`} />
      {ok ? DATABASE_LABEL[health.data.database] : 'database unavailable'}
    </span>
  );
}
