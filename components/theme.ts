'use client';

import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { THEME_STORAGE_KEY } from './theme-script';

// Light or dark: the person's choice (kept in localStorage), else the system's `prefers-color-scheme`. The choice
// sets the `dark` class on <html>, which is what Tailwind's `dark:` variant follows here (app/globals.css).


export type ThemePreference = 'light' | 'dark' | 'system';
export type Theme = 'light' | 'dark';

const listeners = new Set<() => void>();

function readPreference(): ThemePreference {
  try {
    const stored = window.localStorage.getItem(THEME_STORAGE_KEY);
    return stored === 'light' || stored === 'dark' ? stored : 'system';
  } catch {
    return 'system';
  }
}

function systemTheme(): Theme {
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

function resolve(preference: ThemePreference): Theme {
  return preference === 'system' ? systemTheme() : preference;
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  const media = window.matchMedia?.('(prefers-color-scheme: dark)');
  const onStorage = (event: StorageEvent) => {
    if (event.key === THEME_STORAGE_KEY) listener();
  };
  media?.addEventListener('change', listener);
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    media?.removeEventListener('change', listener);
    window.removeEventListener('storage', onStorage);
  };
}

function applyTheme(theme: Theme) {
  const root = document.documentElement;
  root.classList.toggle('dark', theme === 'dark');
  root.style.colorScheme = theme;
}

/** The theme in force and a toggle that flips it and remembers the choice. */
export function useTheme(): { theme: Theme; preference: ThemePreference; toggle: () => void } {
  const preference = useSyncExternalStore(subscribe, readPreference, () => 'system' as ThemePreference);
  const theme = useSyncExternalStore(
    subscribe,
    () => resolve(readPreference()),
    () => 'light' as Theme,
  );

  useEffect(() => {
    applyTheme(theme);
  }, [theme]);

  const toggle = useCallback(() => {
    const next: Theme = resolve(readPreference()) === 'dark' ? 'light' : 'dark';
    try {
      // Choosing what the system already says means "follow the system" again.
      if (next === systemTheme()) window.localStorage.removeItem(THEME_STORAGE_KEY);
      else window.localStorage.setItem(THEME_STORAGE_KEY, next);
    } catch {
      // private mode: the choice lasts for this page only
    }
    applyTheme(next);
    for (const listener of listeners) listener();
  }, []);

  return { theme, preference, toggle };
}
