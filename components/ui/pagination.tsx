'use client';

import { useEffect, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Select } from '@/components/ui/field';

type PagingPatch = { limit?: number; offset?: number };
type SetPaging = (patch: PagingPatch, options?: { history?: 'push' | 'replace' }) => void;

/**
 * A list's pager: the caller's summary ("Showing 1–20 of 45 …") on the left, then "Per page" and Previous/Next.
 * Changing the page size replaces the history entry; moving between pages pushes one, so Back returns to it.
 */
export function Pagination({
  limit,
  offset,
  total,
  shown,
  pageSizes,
  setParams,
  summary,
  formatCount = String,
}: {
  limit: number;
  offset: number;
  total: number;
  /** Rows on this page. */
  shown: number;
  pageSizes: readonly number[];
  setParams: SetPaging;
  /** The left side, given the 1-based range of rows shown (0–0 when none). */
  summary: (range: { from: number; to: number }) => ReactNode;
  /** How the page count is written. */
  formatCount?: (count: number) => string;
}) {
  const page = Math.floor(offset / limit) + 1;
  const pages = Math.max(1, Math.ceil(total / limit));
  const sizes = pageSizes.includes(limit) ? [...pageSizes] : [...pageSizes, limit].sort((a, b) => a - b);
  const from = shown === 0 ? 0 : offset + 1;
  const to = offset + shown;
  return (
    <nav aria-label="Pagination" className="flex flex-col gap-3 text-sm text-zinc-600 sm:flex-row sm:items-center sm:justify-between dark:text-zinc-400">
      {summary({ from, to })}
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

/**
 * Deleting rows can leave the page shown past the end of the list: once a page has loaded (`loaded`, null while it
 * loads or shows the previous page's rows) with no rows, step back to the new last page.
 */
export function useBackToLastPage(loaded: { total: number; shown: number } | null, limit: number, offset: number, setParams: SetPaging) {
  const total = loaded?.total ?? 0;
  const empty = loaded !== null && loaded.shown === 0;
  useEffect(() => {
    if (!empty || total === 0 || offset === 0) return;
    setParams({ offset: Math.max(0, Math.floor((total - 1) / limit) * limit) });
  }, [empty, total, offset, limit, setParams]);
}

/** What a page past the end shows (a link from before rows were deleted): the way back to the first page. */
export function PastLastPage({ setParams }: { setParams: SetPaging }) {
  return <EmptyState title="Nothing on this page" action={<Button onClick={() => setParams({ offset: 0 }, { history: 'push' })}>Go to the first page</Button>} />;
}
