'use client';

import type { UseQueryResult } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { ConfirmItemDialog } from './confirm-item-dialog';
import { QueryList } from './query-list';
import { CELL, RowActions, Table } from './section';

/** A column after the name: its heading, what a row shows in it, and classes for its cells. */
export interface ItemColumn<T> {
  head: string;
  cell: (item: T) => ReactNode;
  className?: string;
}

/**
 * A settings list of things known by a unique name (credentials, MCP servers): the name first, then `columns`; for
 * editors a button to change a row and one to delete it, which asks first (`confirm`) and then calls `remove`.
 */
export function NamedItemsList<T extends { name: string }>({
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
  columns: ItemColumn<T>[];
  canEdit: boolean;
  changeLabel: string;
  onChange: (item: T) => void;
  /** Deletes the named item and refreshes the list. */
  remove: (name: string) => Promise<unknown>;
  confirm: { title: (name: string) => string; description: string; confirmLabel: string };
}) {
  const [deleting, setDeleting] = useState<string | null>(null);
  const label = what.charAt(0).toUpperCase() + what.slice(1);
  return (
    <>
      <QueryList query={query} what={what} empty={empty}>
        {(items) => (
          <Table label={label} head={['Name', ...columns.map((column) => column.head), ...(canEdit ? [<span key="a" className="sr-only">Actions</span>] : [])]}>
            {items.map((item) => (
              <tr key={item.name}>
                <td className={`${CELL} font-mono text-sm font-medium`}>{item.name}</td>
                {columns.map((column) => (
                  <td key={column.head} className={column.className ? `${CELL} ${column.className}` : CELL}>
                    {column.cell(item)}
                  </td>
                ))}
                {canEdit && <RowActions name={item.name} changeLabel={changeLabel} onChange={() => onChange(item)} onDelete={() => setDeleting(item.name)} />}
              </tr>
            ))}
          </Table>
        )}
      </QueryList>
      <ConfirmItemDialog
        item={deleting}
        onClose={() => setDeleting(null)}
        title={confirm.title(deleting ?? '')}
        description={confirm.description}
        confirmLabel={confirm.confirmLabel}
        onConfirm={remove}
      />
    </>
  );
}
