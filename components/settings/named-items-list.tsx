'use client';

import type { UseQueryResult } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { ConfirmItemDialog } from './confirm-item-dialog';
import { QueryList } from './query-list';
import { ItemTable, type ItemColumn } from './item-table';
import { RowActions } from './section';
import { useListMutation, type MutationProcedure } from './use-list-mutation';

/**
 * A settings list of things known by a unique name (credentials, MCP servers): the name first, then `columns`; for
 * editors a button to change a row and one to delete it, which asks first (`confirm`), then runs `remove` and
 * refetches `query`.
 */
export function NamedItemsList<T extends { name: string }, TRemoved, TError>({
  query,
  what,
  empty,
  columns,
  canEdit,
  changeLabel,
  onChange,
  remove,
  confirm,
}: {
  query: UseQueryResult<T[], unknown>;
  /** The list's name, e.g. "MCP servers": its table's label, and the words of its loading and error messages. */
  what: string;
  empty: ReactNode;
  /** The columns after the name. */
  columns: ItemColumn<T>[];
  canEdit: boolean;
  changeLabel: string;
  onChange: (item: T) => void;
  /** The tRPC procedure that deletes an item by its name, e.g. `trpc.credentials.delete`. */
  remove: MutationProcedure<{ name: string }, TRemoved, TError>;
  /**
   * The confirmation's words: it asks "<verb> <name>?", says `consequence` and confirms with "<verb> <noun>", e.g.
   * "Delete OPENAI_API_KEY?" and "Delete credential".
   */
  confirm: { verb: string; noun: string; consequence: string };
}) {
  const removal = useListMutation(remove, query);
  const [deleting, setDeleting] = useState<string | null>(null);
  const label = what.charAt(0).toUpperCase() + what.slice(1);
  return (
    <>
      <QueryList query={query} what={what} empty={empty}>
        {(items) => (
          <ItemTable
            label={label}
            items={items}
            rowKey={(item) => item.name}
            columns={[{ head: 'Name', cell: (item) => item.name, className: 'font-mono text-sm font-medium' }, ...columns]}
            actions={
              canEdit
                ? {
                    head: 'Actions',
                    cell: (item) => <RowActions name={item.name} changeLabel={changeLabel} onChange={() => onChange(item)} onDelete={() => setDeleting(item.name)} />,
                  }
                : undefined
            }
          />
        )}
      </QueryList>
      <ConfirmItemDialog
        item={deleting}
        onClose={() => setDeleting(null)}
        title={`${confirm.verb} ${deleting ?? ''}?`}
        description={confirm.consequence}
        confirmLabel={`${confirm.verb} ${confirm.noun}`}
        onConfirm={(name) => removal.mutateAsync({ name })}
      />
    </>
  );
}
