'use client';

import { createContext, useCallback, useContext, useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

const ITEM_SELECTOR = '[role="menuitem"]:not([aria-disabled="true"]), [role="menuitemradio"]:not([aria-disabled="true"])';

function menuItems(menu: HTMLElement | null): HTMLElement[] {
  return Array.from(menu?.querySelectorAll<HTMLElement>(ITEM_SELECTOR) ?? []);
}

const MenuContext = createContext<{ close: (refocus?: boolean) => void } | null>(null);

export interface MenuProps {
  /** What the button shows; its text is the button's accessible name unless `label` is given. */
  button: ReactNode;
  label?: string;
  buttonClassName?: string;
  align?: 'start' | 'end';
  children: ReactNode;
  testId?: string;
}

/**
 * A dropdown menu that follows the WAI-ARIA menu button pattern: Enter, Space or ArrowDown opens it on the first
 * item, arrows/Home/End move, Escape closes and returns focus to the button, Tab or a click outside closes it.
 */
export function Menu({ button, label, buttonClassName = '', align = 'end', children, testId }: MenuProps) {
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const focusOnOpen = useRef<'first' | 'last'>('first');
  const menuId = useId();

  const close = useCallback((refocus = true) => {
    setOpen(false);
    if (refocus) buttonRef.current?.focus();
  }, []);

  useEffect(() => {
    if (!open) return;
    const list = menuItems(menuRef.current);
    (focusOnOpen.current === 'last' ? list.at(-1) : list[0])?.focus();
    const onPointerDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  function openAt(where: 'first' | 'last') {
    focusOnOpen.current = where;
    setOpen(true);
  }

  function onButtonKeyDown(event: KeyboardEvent<HTMLButtonElement>) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      openAt(event.key === 'ArrowUp' ? 'last' : 'first');
    }
  }

  function onMenuKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const list = menuItems(menuRef.current);
    const index = list.indexOf(document.activeElement as HTMLElement);
    const move = (to: number) => {
      event.preventDefault();
      list[(to + list.length) % list.length]?.focus();
    };
    if (event.key === 'ArrowDown') move(index + 1);
    else if (event.key === 'ArrowUp') move(index - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(list.length - 1);
    else if (event.key === 'Escape') {
      event.preventDefault();
      close();
    } else if (event.key === 'Tab') close(false);
  }

  return (
    <div ref={rootRef} className="relative" data-testid={testId}>
      <button
        ref={buttonRef}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-label={label}
        onClick={() => (open ? close(false) : openAt('first'))}
        onKeyDown={onButtonKeyDown}
        className={`focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 ${buttonClassName}`}
      >
        {button}
      </button>
      {open && (
        <div
          ref={menuRef}
          id={menuId}
          role="menu"
          aria-label={label}
          onKeyDown={onMenuKeyDown}
          className={`absolute top-full z-30 mt-2 w-72 max-w-[calc(100vw-2rem)] overflow-hidden rounded-lg border border-zinc-200 bg-white py-1 text-sm shadow-lg dark:border-zinc-800 dark:bg-zinc-900 ${
            align === 'end' ? 'right-0' : 'left-0'
          }`}
        >
          <MenuContext.Provider value={{ close }}>{children}</MenuContext.Provider>
        </div>
      )}
    </div>
  );
}

const ITEM_CLASSES =
  'flex w-full items-center gap-2 px-3 py-2 text-left text-zinc-700 outline-none hover:bg-zinc-100 focus:bg-zinc-100 dark:text-zinc-200 dark:hover:bg-zinc-800 dark:focus:bg-zinc-800';

/** An action in a menu; the menu closes before `onSelect` runs. */
export function MenuItem({ onSelect, children, checked }: { onSelect: () => void; children: ReactNode; checked?: boolean }) {
  const menu = useContext(MenuContext);
  const isRadio = checked !== undefined;
  return (
    <button
      type="button"
      role={isRadio ? 'menuitemradio' : 'menuitem'}
      aria-checked={isRadio ? checked : undefined}
      tabIndex={-1}
      onClick={() => {
        menu?.close(false);
        onSelect();
      }}
      className={ITEM_CLASSES}
    >
      {isRadio && (
        <span aria-hidden className="w-4 shrink-0 text-indigo-600 dark:text-indigo-400">
          {checked ? '✓' : ''}
        </span>
      )}
      {children}
    </button>
  );
}

/** Non-interactive text at the top of a menu or a group (who is signed in, a group's title). */
export function MenuLabel({ children }: { children: ReactNode }) {
  return <div className="px-3 py-2 text-xs text-zinc-500 dark:text-zinc-400">{children}</div>;
}

export function MenuSeparator() {
  return <div role="separator" className="my-1 border-t border-zinc-200 dark:border-zinc-800" />;
}
