import type { ReactNode } from 'react';

/**
 * A list's table while it loads: its frame and heading row, and `rows` grey rows drawn by `row`; screen readers
 * hear `label` ("Loading workflows…") instead. `rowClassName` spaces each row.
 */
export function TableSkeletonFrame({ label, rows, rowClassName, row }: { label: string; rows: number; rowClassName: string; row: ReactNode }) {
  return (
    <div className="overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
      <span role="status" className="sr-only">
        {label}
      </span>
      <div aria-hidden className="divide-y divide-zinc-100 dark:divide-zinc-800">
        <div className="h-10 bg-zinc-50/80 dark:bg-zinc-900" />
        {Array.from({ length: rows }, (_, index) => (
          <div key={index} className={rowClassName}>
            {row}
          </div>
        ))}
      </div>
    </div>
  );
}
