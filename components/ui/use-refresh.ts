import { useQueryClient, type QueryKey } from '@tanstack/react-query';

/**
 * Refetches the queries under `queryKey`. Callers pass it as a mutation's `onSuccess`, so a change's
 * `mutateAsync` resolves only once the list shows it (React Query awaits the promise `onSuccess` returns).
 */
export function useRefresh(queryKey: QueryKey): () => Promise<void> {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey });
}
