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

