'use client';

import { useEffect, type ReactNode } from 'react';
import type { UrlParams } from '@/components/ui/url-params';

/** A list page's query, as far as its paging reads it (a TanStack query with `keepPreviousData`). */
interface PageQuery<D> {
  data: D | undefined;
  isFetching: boolean;
  isPlaceholderData: boolean;
}

/** The URL parameters every paged list has. */
type Paging = { limit: number; offset: number };

/**
 * A paged, searchable list as its parts (search field, rows, pager) see it: the URL parameters it is kept in (`U`, a
 * `UrlParams`), its query, and what the query's answer means for this page. `usePagedList` builds it once per page.
 */
export interface PagedList<U, Row = unknown, Q = unknown> {
  urlParams: U;
  query: Q;
  /** This page's rows; none until the first answer. */
  rows: Row[];
  total: number;
  /** The answer is for the parameters in the URL, not the previous ones kept on screen meanwhile. */
  loaded: boolean;
  /** The rows shown are the previous parameters' (a new page or search is loading, or failed to). */
  stale: boolean;
  /** The answer for a new page or search is on its way. */
  fetchingNew: boolean;
}

const NO_ROWS: never[] = [];

/**
 * Builds a list page's `PagedList` from its URL parameters and its query (`rowsOf` picks the rows out of an answer),
 * and steps back to the new last page when deleting rows has left the one shown past the end.
 */
export function usePagedList<U extends UrlParams<Paging>, D extends { total: number }, Row, Q extends PageQuery<D>>(
  urlParams: U,
  // `& PageQuery<D>` is how the answer's type (`D`, for `rowsOf`) is inferred from the query's.
  query: Q & PageQuery<D>,
  rowsOf: (data: D) => Row[],
): PagedList<U, Row, Q> {
  const { data, isFetching, isPlaceholderData: stale } = query;
  const loaded = data !== undefined && !stale;
  const list: PagedList<U, Row, Q> = {
    urlParams,
    query,
    rows: data === undefined ? NO_ROWS : rowsOf(data),
    total: data?.total ?? 0,
    loaded,
    stale,
    fetchingNew: isFetching && stale,
  };
  useBackToLastPage(list);
  return list;
}

/**
 * Deleting rows can leave the page shown past the end of the list: once a page has loaded (not while it loads or
 * shows the previous page's rows) with no rows, step back to the new last page.
 */
function useBackToLastPage({ urlParams: { params, setParams }, loaded, rows, total }: PagedList<UrlParams<Paging>>) {
  const { limit, offset } = params;
  const empty = loaded && rows.length === 0;
  useEffect(() => {
    if (!empty || total === 0 || offset === 0) return;
    setParams({ offset: Math.max(0, Math.floor((total - 1) / limit) * limit) });
  }, [empty, total, offset, limit, setParams]);
}

/** A list's rows, dimmed while they are the previous page's or search's and the new ones load. */
export function PagedRows({ list, children }: { list: PagedList<unknown>; children: ReactNode }) {
  return <div className={list.stale ? 'opacity-60 transition-opacity' : 'transition-opacity'}>{children}</div>;
}
