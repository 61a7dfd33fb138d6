'use client';

import { useEffect, useRef } from 'react';
import { useEditorStore } from './store';

// The editor's keyboard shortcuts (listed in the help dialog). Nothing fires while a field or a code editor has the
// keyboard, or while a dialog is open, so typing is never taken over.

export interface ShortcutHandlers {
  onHelp(): void;
  onRun(): void;
  onSave(): void;
  /** True while the canvas shows something other than the draft (a version): the draft's editing keys wait. */
  editingPaused?(): boolean;
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return Boolean(target.closest('input, textarea, select, [contenteditable="true"], [contenteditable=""], .cm-editor'));
}

export function useShortcuts(handlers: ShortcutHandlers) {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      if (document.querySelector('dialog[open], [role="dialog"][aria-modal="true"]')) return;
      const mod = event.metaKey || event.ctrlKey;
      const key = event.key.toLowerCase();
      if (mod && key === 's') {
        event.preventDefault();
        latest.current.onSave();
        return;
      }
      if (isTyping(event.target)) return;
      if (latest.current.editingPaused?.() && !(event.key === '?' && !mod)) return;
      const store = useEditorStore.getState();
      if (mod && key === 'enter') {
        event.preventDefault();
        latest.current.onRun();
      } else if (mod && key === 'z') {
        event.preventDefault();
        if (event.shiftKey) store.redo();
        else store.undo();
      } else if (mod && key === 'y') {
        event.preventDefault();
        store.redo();
      } else if (mod && key === 'c') {
        if (window.getSelection()?.toString()) return; // copying text someone selected on the page
        const count = store.copySelection();
        if (count) store.notify(`Copied ${count} block${count === 1 ? '' : 's'}`);
      } else if (mod && key === 'v') {
        if (!store.clipboard) return;
        event.preventDefault();
        store.paste();
      } else if (mod && key === 'd') {
        event.preventDefault();
        store.duplicateSelection();
      } else if (mod && key === 'a') {
        event.preventDefault();
        store.selectAll();
      } else if (!mod && !event.altKey && (key === 'delete' || key === 'backspace')) {
        event.preventDefault();
        store.deleteSelection();
      } else if (key === 'escape') {
        store.clearSelection();
      } else if (event.key === '?' && !mod) {
        event.preventDefault();
        latest.current.onHelp();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
