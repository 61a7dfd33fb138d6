'use client';

import { useEffect, useId, useMemo, useRef, useState, type DragEvent } from 'react';
import { PALETTE_MIME, useEditorActions } from './editor-context';
import { categoryTone, Icon } from '@/components/ui/icons';
import { useEditorStore } from './store';
import type { Catalog, CatalogBlock } from './types';

// The blocks one can add, grouped by category, with a search box. Drag one onto the canvas, or click it (or press
// Enter on it) to add it: after the selected block (connected), after the output whose "+" was pressed, or else in
// the middle of the view.

export function Palette({ catalog, readOnly }: { catalog: Catalog; readOnly: boolean }) {
  const [query, setQuery] = useState('');
  const searchId = useId();
  const searchRef = useRef<HTMLInputElement>(null);
  const insertAfter = useEditorStore((state) => state.insertAfter);
  // "+" on an output opens the palette: the search box takes the focus, so typing finds the block.
  useEffect(() => {
    if (insertAfter) searchRef.current?.focus();
  }, [insertAfter]);
  const groups = useMemo(() => {
    const needle = query.trim().toLowerCase();
    const matches = (block: CatalogBlock) =>
      !needle || [block.label, block.type, block.description].some((text) => text.toLowerCase().includes(needle));
    return catalog.categories
      .map((category) => ({ category, blocks: catalog.blocks.filter((block) => block.category === category.id && matches(block)) }))
      .filter((group) => group.blocks.length > 0);
  }, [catalog, query]);

  return (
    <aside aria-label="Blocks" className="flex h-full w-48 shrink-0 xl:w-60 flex-col border-r border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
      <div className="border-b border-zinc-200 p-3 dark:border-zinc-800">
        <label htmlFor={searchId} className="sr-only">
          Search blocks
        </label>
        <div className="relative">
          <Icon name="search" className="pointer-events-none absolute top-1/2 left-2.5 h-3.5 w-3.5 -translate-y-1/2 text-zinc-400" />
          <input
            ref={searchRef}
            id={searchId}
            type="search"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Escape' && insertAfter) useEditorStore.getState().setInsertAfter(null);
            }}
            placeholder="Search blocks"
            className="h-8 w-full rounded-md border border-zinc-300 bg-white pr-2 pl-8 text-sm text-zinc-900 placeholder:text-zinc-400 focus:outline-2 focus:outline-indigo-500 dark:border-zinc-700 dark:bg-zinc-950 dark:text-zinc-100"
          />
        </div>
      </div>
      {/* Read-only, the blocks are disabled buttons: the list itself takes focus so it can be scrolled by keyboard. */}
      <div tabIndex={readOnly ? 0 : undefined} className="min-h-0 flex-1 overflow-y-auto p-2">
        {insertAfter && !readOnly && (
          <div role="status" className="mx-1 mb-2 flex items-start gap-2 rounded-md bg-indigo-50 px-2 py-1.5 text-xs text-indigo-900 dark:bg-indigo-500/15 dark:text-indigo-100">
            <span className="flex-1">
              Pick a block to add after <span className="font-mono">{insertAfter.id}</span>
              {insertAfter.sourceHandle ? ` (${insertAfter.sourceHandle})` : ''}.
            </span>
            <button type="button" onClick={() => useEditorStore.getState().setInsertAfter(null)} className="font-medium underline">
              Cancel
            </button>
          </div>
        )}
        {readOnly && (
          <p className="mx-1 mb-2 flex items-center gap-1.5 rounded-md bg-zinc-100 px-2 py-1.5 text-xs text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300">
            <Icon name="lock" className="h-3.5 w-3.5" /> Read-only
          </p>
        )}
        {groups.length === 0 && <p className="px-2 py-6 text-center text-sm text-zinc-500">No block matches “{query}”.</p>}
        {groups.map(({ category, blocks }) => (
          <section key={category.id} aria-labelledby={`palette-${category.id}`} className="mb-3">
            <h3 id={`palette-${category.id}`} className="px-2 pt-1 pb-1.5 text-[11px] font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">
              {category.label}
            </h3>
            <ul className="space-y-1">
              {blocks.map((block) => (
                <li key={block.type}>
                  <PaletteItem block={block} disabled={readOnly} />
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
      {!readOnly && (
        <p className="border-t border-zinc-200 px-3 py-2 text-[11px] leading-4 text-zinc-500 dark:border-zinc-800 dark:text-zinc-400">
          Drag onto the canvas or click to add.
        </p>
      )}
    </aside>
  );
}

function PaletteItem({ block, disabled }: { block: CatalogBlock; disabled: boolean }) {
  const { addBlockAtCenter } = useEditorActions();
  const tone = categoryTone(block.category);

  function onDragStart(event: DragEvent<HTMLButtonElement>) {
    event.dataTransfer.setData(PALETTE_MIME, block.type);
    event.dataTransfer.setData('text/plain', block.type);
    event.dataTransfer.effectAllowed = 'copy';
  }

  return (
    <button
      type="button"
      draggable={!disabled}
      disabled={disabled}
      onDragStart={onDragStart}
      onClick={() => addBlockAtCenter(block.type)}
      title={block.description}
      aria-label={`Add ${block.label} block`}
      data-testid={`palette-${block.type}`}
      className="group flex w-full cursor-grab items-start gap-2.5 rounded-lg border border-transparent px-2 py-1.5 text-left transition-colors hover:border-zinc-200 hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-indigo-500 active:cursor-grabbing disabled:cursor-not-allowed disabled:opacity-60 dark:hover:border-zinc-700 dark:hover:bg-zinc-800/60"
    >
      <span className={`mt-0.5 grid h-7 w-7 shrink-0 place-items-center rounded-md ${tone.icon}`}>
        <Icon name={block.icon} className="h-3.5 w-3.5" />
      </span>
      <span className="min-w-0">
        <span className="block text-sm font-medium text-zinc-800 dark:text-zinc-100">{block.label}</span>
        <span className="line-clamp-2 block text-[11px] leading-4 text-zinc-500 dark:text-zinc-400">{block.description}</span>
      </span>
    </button>
  );
}
