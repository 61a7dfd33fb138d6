'use client';

import { useSyncExternalStore } from 'react';

const noSubscription = () => () => {};

/**
 * False while the server renders and the browser hydrates, true after: what the browser knows and the server did
 * not (its time zone and language, data it has already loaded) waits for it, so the server's HTML and the first
 * render in the browser agree.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}
