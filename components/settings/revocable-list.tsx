'use client';

import { useQuery, type QueryKey, type UseQueryOptions } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmItemDialog } from './confirm-item-dialog';
import { QueryList } from './query-list';
import { RevealOnceDialog, type RevealOnceDialogProps } from './reveal-once-dialog';
import { Section } from './section';
import { useListMutation, type MutationProcedure } from './use-list-mutation';

/** The procedures of a kind of revocable secret, as the options proxy gives them (e.g. `trpc.apiKeys`). */
interface RevocableProcedures<T, TKey extends QueryKey, TInput, TCreated, TRevoked, TError> {
  list: { queryOptions: (input: void) => UseQueryOptions<T[], TError, T[], TKey> };
  create: MutationProcedure<TInput, TCreated, TError>;
  revoke: MutationProcedure<{ id: string }, TRevoked, TError>;
}

/**
 * A settings list of secrets one creates and revokes (API keys, invitation links): a section whose action opens the
 * create dialog (the secret is shown once), the rows, and a confirmation before revoking. It fetches the list from
 * `procedures` when it mounts, and creating or revoking refetches it.
 */
export function RevocableList<T extends { id: string }, TKey extends QueryKey, TInput, TCreated, TRevoked, TError>({
  title,
  description,
  createLabel,
  procedures,
  what,
  empty,
  rows,
  create,
  confirm,
}: {
  title: string;
  description: ReactNode;
  /** The create button's label, and the create dialog's title. */
  createLabel: string;
  procedures: RevocableProcedures<T, TKey, TInput, TCreated, TRevoked, TError>;
  /** The list's name in its loading and error messages, e.g. "API keys". */
  what: string;
  /** What an empty list shows; `startCreating` opens the create dialog. */
  empty: (startCreating: () => void) => ReactNode;
  /** The table of the items; `askToRevoke` asks for confirmation before revoking one. */
  rows: (items: T[], askToRevoke: (item: T) => void) => ReactNode;
  /** The create dialog, titled `createLabel`. */
  create: Omit<RevealOnceDialogProps<TInput, TCreated, TError>, 'open' | 'onClose' | 'creation' | 'title'>;
  confirm: { title: (item: T) => string; description: string; confirmLabel: string };
}) {
  const query = useQuery(procedures.list.queryOptions());
  const creation = useListMutation(procedures.create, query);
  const revocation = useListMutation(procedures.revoke, query);
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<T | null>(null);
  return (
    <Section
      title={title}
      description={description}
      action={
        <Button variant="primary" onClick={() => setCreating(true)}>
          {createLabel}
        </Button>
      }
    >
      <QueryList query={query} what={what} empty={empty(() => setCreating(true))}>
        {(items) => rows(items, setRevoking)}
      </QueryList>
      <RevealOnceDialog open={creating} onClose={() => setCreating(false)} creation={creation} title={createLabel} {...create} />
      <ConfirmItemDialog
        item={revoking}
        onClose={() => setRevoking(null)}
        title={revoking === null ? '' : confirm.title(revoking)}
        description={confirm.description}
        confirmLabel={confirm.confirmLabel}
        onConfirm={(item) => revocation.mutateAsync({ id: item.id })}
      />
    </Section>
  );
}
