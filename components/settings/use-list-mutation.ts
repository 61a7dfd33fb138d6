import { useMutation, type UseMutationOptions } from '@tanstack/react-query';

/** A tRPC mutation procedure taking `TInput`, as the options proxy gives it (e.g. `trpc.apiKeys.revoke`). */
export interface MutationProcedure<TInput, TOutput, TError> {
  mutationOptions: (opts: { onSuccess: () => Promise<unknown> }) => UseMutationOptions<TOutput, TError, TInput>;
}

/**
 * The mutation of a settings list's rows (revoke a key, delete a credential). It refetches `list` as its `onSuccess`,
 * so `mutateAsync` resolves only once the list shows the change and a dialog awaiting it closes on the new rows.
 */
export function useListMutation<TInput, TOutput, TError>(procedure: MutationProcedure<TInput, TOutput, TError>, list: { refetch: () => Promise<unknown> }) {
  return useMutation(procedure.mutationOptions({ onSuccess: () => list.refetch() }));
}
