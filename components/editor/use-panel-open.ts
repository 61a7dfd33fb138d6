'use client';

import { useCallback, useSyncExternalStore } from 'react';

// Whether a folding side panel (the palette, the inspector) is open, remembered in localStorage per panel so a
// person who folded it away for the canvas finds it folded after a reload. The stored choice is read through
// useSyncExternalStore with "open" as the server's answer, so a server render and the first browser render agree.

export type FoldingPanel = 'palette' | 'inspector';

const listeners = new Set<() => void>();
// This page's choices, so folding works where localStorage does not (private mode, storage full).
const chosen = new Map<FoldingPanel, boolean>();

function storageKey(panel: FoldingPanel) {
  return `weft-panel-folded:${panel}`;
}

function readOpen(panel: FoldingPanel): boolean {
  const choice = chosen.get(panel);
  if (choice !== undefined) return choice;
  try {
    return window.localStorage.getItem(storageKey(panel)) !== '1';
  } catch {
    return true;
  }
}

function subscribe(listener: () => void) {
  // Another tab's choice is the newest one.
  const onStorage = () => {
    chosen.clear();
    listener();
  };
  listeners.add(listener);
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

export function usePanelOpen(panel: FoldingPanel): [boolean, (open: boolean) => void] {
  const open = useSyncExternalStore(
    subscribe,
    () => readOpen(panel),
    () => true,
  );
  const setOpen = useCallback(
    (next: boolean) => {
      chosen.set(panel, next);
      try {
        if (next) window.localStorage.removeItem(storageKey(panel));
        else window.localStorage.setItem(storageKey(panel), '1');
      } catch {
        // private mode: the choice lasts as long as the page
      }
      for (const listener of listeners) listener();
    },
    [panel],
  );
  return [open, setOpen];
}
