import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { QueryError } from '@/components/ui/query-error';
import { Loading } from '@/components/ui/spinner';

/**
 * A settings list while it loads, when it failed (with a retry), when it is empty (if `empty` is given),
 * and otherwise its rows. `what` names the list in the messages, e.g. "API keys".
 */
export function QueryList<T>({
  query,
  what,
  empty,
  children,
}: {
  query: UseQueryResult<T[], unknown>;
  what: string;
  empty?: ReactNode;
  children: (items: T[]) => ReactNode;
}) {
  if (query.isPending) return <Loading label={`Loading ${what}…`} />;
  if (query.isError) return <QueryError title={`Could not load ${what}`} error={query.error} onRetry={() => query.refetch()} />;
  if (empty && query.data.length === 0) return empty;
  return children(query.data);
}
