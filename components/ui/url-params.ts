'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import { MAX_SEARCH_LENGTH } from '@/lib/search';

// Shared plumbing for list pages that keep what they show in the URL (`?…&limit=&offset=`), so a link, a reload and
// Back all bring it back. Each list defines its own parameters, parser and serialiser; this holds the common parts.

/** An integer from the URL, clamped to [min, max]; `fallback` when missing or not an integer. */
function parseInteger(value: string | null, fallback: number, min: number, max: number): number {
  const parsed = value === null ? NaN : Number(value);
  if (!Number.isInteger(parsed)) return fallback;
  return Math.min(max, Math.max(min, parsed));
}

/** `limit` and `offset` from the URL; the offset is always on a page boundary, so "page N of M" stays whole. */
export function parsePaging(search: URLSearchParams, defaultLimit: number, maxLimit: number): { limit: number; offset: number } {
  const limit = parseInteger(search.get('limit'), defaultLimit, 1, maxLimit);
  const offset = parseInteger(search.get('offset'), 0, 0, Number.MAX_SAFE_INTEGER);
  return { limit, offset: offset - (offset % limit) };
}

/** Writes `limit` (unless the default) and `offset` (unless 0). */
export function setPaging(search: URLSearchParams, { limit, offset }: { limit: number; offset: number }, defaultLimit: number): void {
  if (limit !== defaultLimit) search.set('limit', String(limit));
  if (offset > 0) search.set('offset', String(offset));
}

/** The search text (`q`), cut to what the search field lets one type. */
export function parseQuery(search: URLSearchParams): string {
  return (search.get('q') ?? '').trim().slice(0, MAX_SEARCH_LENGTH);
}

/** `?a=b…`, or '' when there is nothing to say. */
export function searchString(search: URLSearchParams): string {
  const text = search.toString();
  return text ? `?${text}` : '';
}

/**
 * A list's parameters and their setter, as `useUrlParams` returns them. The parts every such list has (its search
 * field, its pager) take this whole and read and set only the parameters they own.
 */
export interface UrlParams<P> {
  params: P;
  setParams: (patch: Partial<P>, options?: { history?: 'push' | 'replace' }) => void;
}

/**
 * A list's parameters from the URL, and a setter. By default a change replaces the history entry (filters, typing in
 * a search box); `{ history: 'push' }` adds one (moving between pages), so Back returns to the previous page.
 *
 * `parse` and `toSearch` must be stable (module-level functions).
 */
export function useUrlParams<P>(parse: (search: URLSearchParams) => P, toSearch: (params: P) => string): UrlParams<P> {
  const searchParams = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const params = useMemo(() => parse(new URLSearchParams(searchParams.toString())), [parse, searchParams]);

  const setParams = useCallback<UrlParams<P>['setParams']>(
    (patch, { history = 'replace' } = {}) => {
      // Read the URL at call time: a debounced search must not undo a filter or page changed meanwhile, or vice versa.
      const current = parse(new URLSearchParams(window.location.search));
      const href = `${pathname}${toSearch({ ...current, ...patch })}`;
      if (history === 'push') router.push(href, { scroll: false });
      else router.replace(href, { scroll: false });
    },
    [parse, toSearch, pathname, router],
  );

  return { params, setParams };
}
