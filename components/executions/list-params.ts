'use client';

import { parsePaging, parseQuery, searchString, setPaging, useUrlParams } from '@/components/ui/url-params';
import { executionStatuses, executionTriggers, type ExecutionStatus, type ExecutionTrigger } from '@/lib/execution-states';

// What an executions list shows, kept in the URL so a link, a reload and Back all bring it back:
// `?status=&trigger=&range=&from=&to=&q=&limit=&offset=`.

export type TimeRange = 'any' | '1h' | '24h' | '7d' | 'custom';

export const TIME_RANGES: ReadonlyArray<{ value: TimeRange; label: string; ms?: number }> = [
  { value: 'any', label: 'Any time' },
  { value: '1h', label: 'Last hour', ms: 3_600_000 },
  { value: '24h', label: 'Last 24 hours', ms: 86_400_000 },
  { value: '7d', label: 'Last 7 days', ms: 7 * 86_400_000 },
  { value: 'custom', label: 'Custom range…' },
];

const DEFAULT_LIMIT = 25;
export const PAGE_SIZES = [10, 25, 50, 100] as const;
const MAX_LIMIT = 200;

export interface HistoryParams {
  status: ExecutionStatus | null;
  trigger: ExecutionTrigger | null;
  range: TimeRange;
  /** For `range=custom`: ISO timestamps, either may be missing. */
  from: string | null;
  to: string | null;
  q: string;
  limit: number;
  offset: number;
}

function isoOrNull(value: string | null): string | null {
  if (!value) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

export function parseHistoryParams(search: URLSearchParams): HistoryParams {
  const status = search.get('status');
  const trigger = search.get('trigger');
  const range = search.get('range');
  const { limit, offset } = parsePaging(search, DEFAULT_LIMIT, MAX_LIMIT);
  const isRange = TIME_RANGES.some((option) => option.value === range);
  return {
    status: executionStatuses.find((known) => known === status) ?? null,
    trigger: executionTriggers.find((known) => known === trigger) ?? null,
    range: isRange ? (range as TimeRange) : 'any',
    from: range === 'custom' ? isoOrNull(search.get('from')) : null,
    to: range === 'custom' ? isoOrNull(search.get('to')) : null,
    q: parseQuery(search),
    limit,
    offset,
  };
}

export function historySearch(params: HistoryParams): string {
  const search = new URLSearchParams();
  if (params.status) search.set('status', params.status);
  if (params.trigger) search.set('trigger', params.trigger);
  if (params.range !== 'any') search.set('range', params.range);
  if (params.range === 'custom' && params.from) search.set('from', params.from);
  if (params.range === 'custom' && params.to) search.set('to', params.to);
  if (params.q) search.set('q', params.q);
  setPaging(search, params, DEFAULT_LIMIT);
  return searchString(search);
}

export function hasFilters(params: HistoryParams): boolean {
  return Boolean(params.status || params.trigger || params.range !== 'any' || params.q);
}

/**
 * The `from`/`to` the server gets. A preset is "the last N" as of `now`, which the caller rounds (to the minute)
 * so that the query, and its cache entry, stay the same between the list's refreshes.
 */
export function timeWindow(params: HistoryParams, now: number): { from?: string; to?: string } {
  if (params.range === 'custom') return { from: params.from ?? undefined, to: params.to ?? undefined };
  const preset = TIME_RANGES.find((option) => option.value === params.range);
  return preset?.ms ? { from: new Date(now - preset.ms).toISOString() } : {};
}

/**
 * The list's parameters from the URL and a setter. Filters and search replace the history entry; paging pushes one,
 * so Back returns to the previous page.
 */
export function useHistoryParams() {
  return useUrlParams(parseHistoryParams, historySearch);
}
