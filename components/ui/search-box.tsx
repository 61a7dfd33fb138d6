'use client';

import { useCallback, useEffect, useId, useState } from 'react';
import { Icon } from '@/components/ui/icons';
import { Spinner } from '@/components/ui/spinner';
import type { PagedList } from '@/components/ui/paged-list';
import type { UrlParams } from '@/components/ui/url-params';
import { MAX_SEARCH_LENGTH } from '@/lib/search';

const DEBOUNCE_MS = 300;

interface SearchBoxProps {
  /** For a caller that moves focus to the field; one is made up otherwise. */
  id?: string;
  value: string;
  onCommit: (q: string) => void;
  busy: boolean;
  label: string;
  placeholder: string;
  className: string;
  live?: boolean;
}

/**
 * A list's search field: what is typed shows at once, the URL (and so the list) follows once typing pauses; Enter
 * commits at once. When the URL changes on its own (Back, "Clear filters") the field follows it.
 *
 * `live` lists (filtered in the page, no round trip) follow every keystroke instead. `className` sizes the wrapper.
 */
export function SearchBox({ id, value: committed, onCommit, busy, label, placeholder, className, live = false }: SearchBoxProps) {
  const ownId = useId();
  const [text, setText] = useState(committed);
  const [seen, setSeen] = useState(committed);
  if (committed !== seen) {
    setSeen(committed);
    if (committed !== text.trim()) setText(committed);
  }

  useEffect(() => {
    const q = text.trim();
    if (live || q === committed) return;
    const timer = setTimeout(() => onCommit(q), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [live, text, committed, onCommit]);

  function edit(value: string) {
    setText(value);
    if (live) onCommit(value);
  }

  return (
    <div className={`relative w-full ${className}`}>
      <Icon name="search" className="pointer-events-none absolute top-1/2 left-2.5 h-4 w-4 shrink-0 -translate-y-1/2 text-zinc-400" />
      <input
        id={id ?? ownId}
        type="search"
        value={text}
        maxLength={MAX_SEARCH_LENGTH}
        onChange={(event) => edit(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') onCommit(text.trim());
        }}
        placeholder={placeholder}
        aria-label={label}
        autoComplete="off"
        spellCheck={false}
        className="block h-9 w-full rounded-md border border-zinc-300 bg-white pr-8 pl-8 text-sm text-zinc-900 shadow-sm placeholder:text-zinc-400 focus:outline-2 focus:outline-offset-0 focus:outline-indigo-500 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:placeholder:text-zinc-500"
      />
      {busy && (
        <span className="pointer-events-none absolute top-1/2 right-2.5 -translate-y-1/2 text-zinc-400">
          <Spinner className="h-3.5 w-3.5" />
        </span>
      )}
    </div>
  );
}

/**
 * The search field of a list kept in the URL with its page (`q`, `offset`): a new search starts again from the first
 * page, and the field shows a spinner while its results are on their way (the previous ones stay shown meanwhile).
 */
export function ListSearchBox({
  list: {
    urlParams: { params, setParams },
    fetchingNew,
  },
  ...field
}: Omit<SearchBoxProps, 'value' | 'onCommit' | 'busy' | 'live'> & { list: PagedList<UrlParams<{ q: string; offset: number }>> }) {
  const commit = useCallback((next: string) => setParams({ q: next, offset: 0 }), [setParams]);
  return <SearchBox value={params.q} onCommit={commit} busy={fetchingNew} {...field} />;
}
