'use client';

import { useEffect, useState, useSyncExternalStore } from 'react';

/** The current time, refreshed every `intervalMs` while `active` (for elapsed times and rolling time windows). */
export function useNow(intervalMs: number, active = true): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const tick = () => setNow(Date.now());
    const first = setTimeout(tick, 0); // catch up at once after a pause
    const timer = setInterval(tick, intervalMs);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [intervalMs, active]);
  return now;
}

// Light or dark follows the `dark` class on <html> (Tailwind's `dark:` variant here is class-based); React Flow
// needs to be told, since it styles its own parts.
function subscribeToRootClass(listener: () => void) {
  const observer = new MutationObserver(listener);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['class'] });
  return () => observer.disconnect();
}

export function useColorMode(): 'light' | 'dark' {
  return useSyncExternalStore(
    subscribeToRootClass,
    () => (document.documentElement.classList.contains('dark') ? 'dark' : 'light'),
    () => 'light',
  );
}

const THEME_STORAGE_KEY = 'weft-theme'; // the key the editor's theme toggle writes

/**
 * Applies the person's light/dark choice on pages opened directly (the editor's toggle stores it; with no choice the
 * system's preference counts). Until the app shell applies the theme for every page, these pages do it themselves.
 */
export function useStoredTheme(): void {
  useEffect(() => {
    const media = window.matchMedia?.('(prefers-color-scheme: dark)');
    const apply = () => {
      let stored: string | null = null;
      try {
        stored = window.localStorage.getItem(THEME_STORAGE_KEY);
      } catch {
        // private mode: follow the system
      }
      const dark = stored === 'dark' || (stored !== 'light' && Boolean(media?.matches));
      document.documentElement.classList.toggle('dark', dark);
      document.documentElement.style.colorScheme = dark ? 'dark' : 'light';
    };
    apply();
    media?.addEventListener('change', apply);
    return () => media?.removeEventListener('change', apply);
  }, []);
}
