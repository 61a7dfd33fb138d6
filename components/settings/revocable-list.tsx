'use client';

import { useQuery, type QueryKey, type UseQueryOptions } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { formatDateTime } from '@/components/ui/time';
import { ConfirmItemDialog } from './confirm-item-dialog';
import { ItemTable, type ItemColumn } from './item-table';
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

/** An item that stays listed once revoked (an API key) carries when; one that disappears (an invitation) does not. */
type Revocable = { id: string; revoked_at?: string | null };

/**
 * A settings list of secrets one creates and revokes (API keys, invitation links): a section whose action opens the
 * create dialog (the secret is shown once), a table of `columns` whose last cell revokes the row (after a
 * confirmation) or says when it was revoked. Every label comes from `noun` ("API key": "Create API key",
 * "Revoke API key"), so the lists read alike. It fetches the list from `procedures` when it mounts, and creating or
 * revoking refetches it.
 */
export function RevocableList<T extends Revocable, TKey extends QueryKey, TInput, TCreated, TRevoked, TError>({
  title,
  description,
  noun,
  procedures,
  empty,
  columns,
  itemName,
  createHint,
  form,
  reveal,
  revokeWarning,
}: Pick<RevealOnceDialogProps<TInput, TCreated, TError>, 'form' | 'reveal'> & {
  title: string;
  description: ReactNode;
  /** What one item is called, singular, as in a sentence ("API key", "invitation link"). */
  noun: string;
  procedures: RevocableProcedures<T, TKey, TInput, TCreated, TRevoked, TError>;
  /** What an empty list shows; `startCreating` opens the create dialog. */
  empty: (startCreating: () => void) => ReactNode;
  columns: ItemColumn<T>[];
  /** Names one item for screen readers and in the revoke confirmation. */
  itemName: (item: T) => string;
  /** Below the create dialog's title: what to choose and why. */
  createHint: string;
  /** What revoking breaks, in the confirmation. */
  revokeWarning: string;
}) {
  const query = useQuery(procedures.list.queryOptions());
  const creation = useListMutation(procedures.create, query);
  const revocation = useListMutation(procedures.revoke, query);
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<T | null>(null);
  const createLabel = `Create ${noun}`;
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
      <QueryList query={query} what={`${noun}s`} empty={empty(() => setCreating(true))}>
        {(items) => (
          <ItemTable
            label={title}
            items={items}
            rowKey={(item) => item.id}
            columns={columns}
            rowClassName={(item) => (item.revoked_at ? 'text-zinc-500 dark:text-zinc-400' : undefined)}
            actions={{
              head: 'Status and actions',
              cell: (item) =>
                item.revoked_at ? (
                  <span title={`Revoked ${formatDateTime(item.revoked_at)}`}>
                    <Badge tone="red">Revoked</Badge>
                  </span>
                ) : (
                  <Button size="sm" variant="ghost-danger" onClick={() => setRevoking(item)}>
                    Revoke<span className="sr-only"> {itemName(item)}</span>
                  </Button>
                ),
            }}
          />
        )}
      </QueryList>
      <RevealOnceDialog
        open={creating}
        onClose={() => setCreating(false)}
        creation={creation}
        title={createLabel}
        description={createHint}
        form={form}
        revealTitle={`Copy the new ${noun}`}
        reveal={reveal}
      />
      <ConfirmItemDialog
        item={revoking}
        onClose={() => setRevoking(null)}
        title={revoking === null ? '' : `Revoke ${itemName(revoking)}?`}
        description={revokeWarning}
        confirmLabel={`Revoke ${noun}`}
        onConfirm={(item) => revocation.mutateAsync({ id: item.id })}
      />
    </Section>
  );
}
