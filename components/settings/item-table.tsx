import type { ReactNode } from 'react';
import { CELL, Table } from './section';

/** A column of a settings table: its heading, what a row shows in it, and classes for its cells. */
export interface ItemColumn<T> {
  head: string;
  cell: (item: T) => ReactNode;
  className?: string;
}

/**
 * A settings table drawn from `columns`. `actions`, when given, is one more column at the end for each row's buttons,
 * its heading read only by screen readers.
 */
export function ItemTable<T>({
  label,
  items,
  rowKey,
  columns,
  actions,
  rowClassName,
}: {
  label: string;
  items: T[];
  rowKey: (item: T) => string;
  columns: ItemColumn<T>[];
  actions?: { head: string; cell: (item: T) => ReactNode };
  rowClassName?: (item: T) => string | undefined;
}) {
  const head: ReactNode[] = columns.map((column) => column.head);
  if (actions)
    head.push(
      <span key="actions" className="sr-only">
        {actions.head}
      </span>,
    );
  return (
    <Table label={label} head={head}>
      {items.map((item) => (
        <tr key={rowKey(item)} className={rowClassName?.(item)}>
          {columns.map((column) => (
            <td key={column.head} className={column.className ? `${CELL} ${column.className}` : CELL}>
              {column.cell(item)}
            </td>
          ))}
          {actions && <td className={`${CELL} text-right whitespace-nowrap`}>{actions.cell(item)}</td>}
        </tr>
      ))}
    </Table>
  );
}
