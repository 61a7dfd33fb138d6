'use client';

import type { ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Select } from '@/components/ui/field';
import type { PagedList } from '@/components/ui/paged-list';
import type { UrlParams } from '@/components/ui/url-params';

/** A list, as far as its pages go. */
type Paged = PagedList<UrlParams<{ limit: number; offset: number }>>;

const FIGURE = 'font-medium text-zinc-900 tabular-nums dark:text-zinc-100';

/**
 * A list's pager: "Showing 1–20 of 45 workflows" on the left, then "Per page" and Previous/Next.
 * Changing the page size replaces the history entry; moving between pages pushes one, so Back returns to it.
 */
export function Pagination({
  list: {
    urlParams: { params: { limit, offset }, setParams },
    total,
    rows,
  },
  pageSizes,
  noun,
  formatCount = String,
  announce = false,
  badge,
}: {
  list: Paged;
  pageSizes: readonly number[];
  /** What the rows are, one and many: `['workflow', 'workflows']`. */
  noun: readonly [one: string, many: string];
  /** How the total and the page count are written. */
  formatCount?: (count: number) => string;
  /** Screen readers read out the new range; not for a list that refreshes on its own, which would keep talking. */
  announce?: boolean;
  /** Shown after the range (a live list's sign that it refreshes). */
  badge?: ReactNode;
}) {
  const page = Math.floor(offset / limit) + 1;
  const pages = Math.max(1, Math.ceil(total / limit));
  const sizes = pageSizes.includes(limit) ? [...pageSizes] : [...pageSizes, limit].sort((a, b) => a - b);
  const from = rows.length === 0 ? 0 : offset + 1;
  const to = offset + rows.length;
  return (
    <nav aria-label="Pagination" className="flex flex-col gap-3 text-sm text-zinc-600 sm:flex-row sm:items-center sm:justify-between dark:text-zinc-400">
      <p aria-live={announce ? 'polite' : undefined} className="flex items-center gap-3">
        <span data-testid="pagination-summary">
          Showing{' '}
          <span className={FIGURE}>
            {from}–{to}
          </span>{' '}
          of <span className={FIGURE}>{formatCount(total)}</span> {total === 1 ? noun[0] : noun[1]}
        </span>
        {badge}
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <label className="flex items-center gap-2 whitespace-nowrap">
          Per page
          <Select
            value={String(limit)}
            onChange={(event) => setParams({ limit: Number(event.target.value), offset: 0 })}
            options={sizes.map((size) => ({ value: String(size), label: String(size) }))}
          />
        </label>
        <div className="flex items-center gap-2">
          <Button size="sm" disabled={offset === 0} onClick={() => setParams({ offset: Math.max(0, offset - limit) }, { history: 'push' })}>
            <span aria-hidden>←</span> Previous
          </Button>
          <span className="tabular-nums" data-testid="pagination-page">
            Page {page} of {formatCount(pages)}
          </span>
          <Button size="sm" disabled={offset + limit >= total} onClick={() => setParams({ offset: offset + limit }, { history: 'push' })}>
            Next <span aria-hidden>→</span>
          </Button>
        </div>
      </div>
    </nav>
  );
}

/** What a page past the end shows (a link from before rows were deleted): the way back to the first page. */
export function PastLastPage({ list: { urlParams } }: { list: Paged }) {
  return <EmptyState title="Nothing on this page" action={<Button onClick={() => urlParams.setParams({ offset: 0 }, { history: 'push' })}>Go to the first page</Button>} />;
}
