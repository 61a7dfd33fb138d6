'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';

export type SortKey = 'updated' | 'name' | 'name-desc';

export const SORT_OPTIONS: ReadonlyArray<{ value: SortKey; label: string }> = [
  { value: 'updated', label: 'Recently updated' },
  { value: 'name', label: 'Name (A–Z)' },
  { value: 'name-desc', label: 'Name (Z–A)' },
];

export const DEFAULT_LIMIT = 20;
export const PAGE_SIZES = [10, 20, 50, 100] as const;
const MAX_LIMIT = 200;

/** What the list shows, kept in the URL so it survives a reload and can be shared: `?q=&sort=&limit=&offset=`. */
export interface ListParams {
  q: string;
  sort: SortKey;
  limit: number;
  offset: number;
}

function integer(value: string | null, fallback: number, min: number, max: number): number {
  const parsed = value === null ? NaN : Number(value);
  if (!Number.isInteger(parsed)) return fallback;
  return Math.min(max, Math.max(min, parsed));
}

export function parseListParams(search: URLSearchParams): ListParams {
  const sort = search.get('sort');
  const limit = integer(search.get('limit'), DEFAULT_LIMIT, 1, MAX_LIMIT);
  const offset = integer(search.get('offset'), 0, 0, Number.MAX_SAFE_INTEGER);
  return {
    q: (search.get('q') ?? '').trim().slice(0, 200),
    sort: SORT_OPTIONS.some((option) => option.value === sort) ? (sort as SortKey) : 'updated',
    limit,
    // Always on a page boundary, so "page N of M" stays whole.
    offset: offset - (offset % limit),
  };
}

function toSearch(params: ListParams): string {
  const search = new URLSearchParams();
  if (params.q) search.set('q', params.q);
  if (params.sort !== 'updated') search.set('sort', params.sort);
  if (params.limit !== DEFAULT_LIMIT) search.set('limit', String(params.limit));
  if (params.offset > 0) search.set('offset', String(params.offset));
  const text = search.toString();
  return text ? `?${text}` : '';
}

/**
 * The list's parameters from the URL, and a setter. Typing in the search box replaces the history entry; moving
 * between pages pushes one, so Back returns to the previous page.
 */
export function useListParams() {
  const searchParams = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const params = useMemo(() => parseListParams(new URLSearchParams(searchParams.toString())), [searchParams]);

  const setParams = useCallback(
    (patch: Partial<ListParams>, { history = 'replace' }: { history?: 'push' | 'replace' } = {}) => {
      // Read the URL at call time: a debounced search must not undo a page change made meanwhile, or vice versa.
      const current = parseListParams(new URLSearchParams(window.location.search));
      const href = `${pathname}${toSearch({ ...current, ...patch })}`;
      if (history === 'push') router.push(href, { scroll: false });
      else router.replace(href, { scroll: false });
    },
    [pathname, router],
  );

  return { params, setParams };
}
