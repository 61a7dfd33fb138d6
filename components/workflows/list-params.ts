'use client';

import { parsePaging, parseQuery, searchString, setPaging, useUrlParams } from '@/components/ui/url-params';

export type SortKey = 'updated' | 'name' | 'name-desc';

export const SORT_OPTIONS: ReadonlyArray<{ value: SortKey; label: string }> = [
  { value: 'updated', label: 'Recently updated' },
  { value: 'name', label: 'Name (A–Z)' },
  { value: 'name-desc', label: 'Name (Z–A)' },
];

const DEFAULT_LIMIT = 20;
export const PAGE_SIZES = [10, 20, 50, 100] as const;
const MAX_LIMIT = 200;

/** What the list shows, kept in the URL so it survives a reload and can be shared: `?q=&sort=&limit=&offset=`. */
interface ListParams {
  q: string;
  sort: SortKey;
  limit: number;
  offset: number;
}

function parseListParams(search: URLSearchParams): ListParams {
  const sort = search.get('sort');
  const { limit, offset } = parsePaging(search, DEFAULT_LIMIT, MAX_LIMIT);
  return {
    q: parseQuery(search),
    sort: SORT_OPTIONS.some((option) => option.value === sort) ? (sort as SortKey) : 'updated',
    limit,
    offset,
  };
}

function toSearch(params: ListParams): string {
  const search = new URLSearchParams();
  if (params.q) search.set('q', params.q);
  if (params.sort !== 'updated') search.set('sort', params.sort);
  setPaging(search, params, DEFAULT_LIMIT);
  return searchString(search);
}

/**
 * The list's parameters from the URL, and a setter. Typing in the search box replaces the history entry; moving
 * between pages pushes one, so Back returns to the previous page.
 */
export function useListParams() {
  return useUrlParams(parseListParams, toSearch);
}
