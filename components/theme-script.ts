// Shared by the server-rendered layout and the client theme hook; no 'use client' so the layout gets the string.

export const THEME_STORAGE_KEY = 'weft-theme';

/**
 * Runs in <head> before the first paint (app/layout.tsx), so a dark page never flashes light: the same rule as
 * `useTheme`, written as a plain script.
 */
export const THEME_BOOT_SCRIPT = `try{var s=localStorage.getItem('${THEME_STORAGE_KEY}');var d=s==='dark'||(s!=='light'&&matchMedia('(prefers-color-scheme: dark)').matches);document.documentElement.classList.toggle('dark',d);document.documentElement.style.colorScheme=d?'dark':'light'}catch(e){}`;
