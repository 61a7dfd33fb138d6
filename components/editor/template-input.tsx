'use client';

import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { filterSuggestions, keepPathInsideBraces, openTemplateBefore, type Suggestion } from './suggestions';

// A text field (one line or several) where typing `{{` offers the blocks upstream and their output fields, as an
// ARIA combobox: arrows move, Enter or Tab inserts, Escape closes. A path typed just after a reference's closing
// braces moves inside them, so `{{code_1}}` then `.text` makes `{{code_1.text}}`, not `{{code_1}}.text`.

interface MenuState {
  items: Suggestion[];
  active: number;
  /** Where the typed reference starts and where the caret is, in the field's value. */
  start: number;
  caret: number;
}

export interface TemplateInputProps {
  id: string;
  value: string;
  onChange(value: string): void;
  suggestions: () => Suggestion[];
  multiline?: boolean;
  rows?: number;
  placeholder?: string;
  disabled?: boolean;
  invalid?: boolean;
  describedBy?: string;
  mono?: boolean;
}

const CONTROL =
  'block w-full rounded-md border bg-white px-3 text-sm text-zinc-900 shadow-sm placeholder:text-zinc-400 focus:outline-2 focus:outline-offset-0 focus:outline-indigo-500 disabled:cursor-not-allowed disabled:bg-zinc-50 disabled:text-zinc-500 dark:bg-zinc-900 dark:text-zinc-100 dark:placeholder:text-zinc-500 dark:disabled:bg-zinc-800/60';

export function TemplateInput({ id, value, onChange, suggestions, multiline = false, rows = 4, placeholder, disabled, invalid, describedBy, mono }: TemplateInputProps) {
  const [menu, setMenu] = useState<MenuState | null>(null);
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const listId = useId();
  const listRef = useRef<HTMLUListElement>(null);
  const open = menu !== null;
  useEffect(() => {
    if (open) listRef.current?.scrollIntoView({ block: 'nearest' });
  }, [open]);

  function refresh(text: string, caret: number) {
    const open = openTemplateBefore(text.slice(0, caret));
    if (!open) {
      setMenu(null);
      return;
    }
    const items = filterSuggestions(suggestions(), open.typed);
    setMenu(items.length ? { items, active: 0, start: open.start, caret } : null);
  }

  function placeCaret(caret: number) {
    requestAnimationFrame(() => {
      ref.current?.focus();
      ref.current?.setSelectionRange(caret, caret);
    });
  }

  // A whole block leaves the caret inside the braces (`{{code_1|}}`), where `.field` goes next; a field ends the reference.
  function accept(item: Suggestion) {
    if (!menu) return;
    const after = value.slice(menu.caret);
    const existing = /^\s*\}\}/.exec(after)?.[0];
    const closing = existing ? '' : '}}';
    const next = value.slice(0, menu.start) + item.ref + closing + after;
    const end = menu.start + item.ref.length;
    const caret = item.block ? end : end + (existing ?? closing).length;
    onChange(next);
    setMenu(null);
    placeCaret(caret);
  }

  function onTextChange(element: HTMLInputElement | HTMLTextAreaElement) {
    const caret = element.selectionStart ?? element.value.length;
    const moved = keepPathInsideBraces(value, element.value, caret);
    if (moved) {
      onChange(moved.value);
      placeCaret(moved.caret);
      refresh(moved.value, moved.caret);
      return;
    }
    onChange(element.value);
    refresh(element.value, caret);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) {
    if (!menu) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setMenu({ ...menu, active: (menu.active + step + menu.items.length) % menu.items.length });
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      event.preventDefault();
      accept(menu.items[menu.active]);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      setMenu(null);
    }
  }

  const shared = {
    id,
    value,
    placeholder,
    disabled,
    role: 'combobox' as const,
    'aria-autocomplete': 'list' as const,
    'aria-expanded': menu !== null,
    'aria-controls': menu ? listId : undefined,
    'aria-activedescendant': menu ? `${listId}-${menu.active}` : undefined,
    'aria-invalid': invalid || undefined,
    'aria-describedby': describedBy,
    spellCheck: false,
    onChange: (event: { target: HTMLInputElement | HTMLTextAreaElement }) => onTextChange(event.target),
    onKeyDown,
    onClick: ({ currentTarget }: { currentTarget: HTMLInputElement | HTMLTextAreaElement }) =>
      refresh(currentTarget.value, currentTarget.selectionStart ?? currentTarget.value.length),
    onBlur: () => setMenu(null),
    className: `${CONTROL} ${invalid ? 'border-red-400 dark:border-red-500' : 'border-zinc-300 dark:border-zinc-700'} ${mono ? 'font-mono text-[12.5px]' : ''} ${
      multiline ? 'resize-y py-2 leading-5' : 'h-9'
    }`,
  };

  return (
    <div className="relative">
      {multiline ? <textarea ref={ref} rows={rows} {...shared} /> : <input ref={ref} type="text" autoComplete="off" {...shared} />}
      {menu && <SuggestionList id={listId} listRef={listRef} menu={menu} onPick={accept} onHover={(active) => setMenu({ ...menu, active })} />}
    </div>
  );
}

function SuggestionList({
  id,
  listRef,
  menu,
  onPick,
  onHover,
}: {
  id: string;
  listRef: React.RefObject<HTMLUListElement | null>;
  menu: MenuState;
  onPick(item: Suggestion): void;
  onHover(index: number): void;
}) {
  return (
    <ul
      ref={listRef}
      id={id}
      role="listbox"
      aria-label="Insert a reference"
      className="absolute top-full right-0 left-0 z-30 mt-1 max-h-60 overflow-auto rounded-md border border-zinc-200 bg-white py-1 text-sm shadow-lg dark:border-zinc-700 dark:bg-zinc-900"
    >
      {menu.items.map((item, index) => (
        <li
          key={item.ref}
          id={`${id}-${index}`}
          role="option"
          aria-selected={index === menu.active}
          onMouseDown={(event) => {
            event.preventDefault();
            onPick(item);
          }}
          onMouseEnter={() => onHover(index)}
          className={`flex cursor-pointer items-baseline justify-between gap-3 px-3 py-1.5 ${
            index === menu.active ? 'bg-indigo-50 text-indigo-900 dark:bg-indigo-500/20 dark:text-indigo-100' : 'text-zinc-700 dark:text-zinc-200'
          }`}
        >
          <span className="truncate font-mono text-xs">{item.ref}</span>
          <span className="shrink-0 truncate text-[11px] text-zinc-500 dark:text-zinc-400">{item.detail}</span>
        </li>
      ))}
    </ul>
  );
}
