'use client';

import type { UseQueryResult } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmItemDialog } from './confirm-item-dialog';
import { QueryList } from './query-list';
import { RevealOnceDialog, type RevealOnceDialogProps } from './reveal-once-dialog';
import { Section } from './section';
import { useListMutation, type MutationProcedure } from './use-list-mutation';

/**
 * A settings list of secrets one creates and revokes (API keys, invitation links): a section whose action opens the
 * create dialog (the secret is shown once), the rows, and a confirmation before `revoke` runs. Creating or revoking
 * refetches `query`.
 */
export function RevocableList<T extends { id: string }, Created, TRevoked, TError>({
  title,
  description,
  createLabel,
  query,
  revoke,
  what,
  empty,
  rows,
  create,
  confirm,
}: {
  title: string;
  description: ReactNode;
  createLabel: string;
  query: UseQueryResult<T[], unknown>;
  /** The tRPC procedure that revokes an item by its id, e.g. `trpc.apiKeys.revoke`. */
  revoke: MutationProcedure<{ id: string }, TRevoked, TError>;
  /** The list's name in its loading and error messages, e.g. "API keys". */
  what: string;
  /** What an empty list shows; `startCreating` opens the create dialog. */
  empty: (startCreating: () => void) => ReactNode;
  /** The table of the items; `askToRevoke` asks for confirmation before revoking one. */
  rows: (items: T[], askToRevoke: (item: T) => void) => ReactNode;
  create: Omit<RevealOnceDialogProps<Created>, 'open' | 'onClose' | 'onCreated'>;
  confirm: { title: (item: T) => string; description: string; confirmLabel: string };
}) {
  const revocation = useListMutation(revoke, query);
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
      <RevealOnceDialog<Created> open={creating} onClose={() => setCreating(false)} onCreated={() => query.refetch()} {...create} />
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
