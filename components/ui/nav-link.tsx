'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';

const STYLES = {
  header: {
    base: 'rounded-md px-3 py-1.5 text-sm transition-colors focus-visible:outline-2 focus-visible:outline-indigo-500',
    idle: 'text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-300 dark:hover:bg-zinc-800 dark:hover:text-white',
    active: 'bg-zinc-100 font-medium text-zinc-900 dark:bg-zinc-800 dark:text-white',
  },
  tab: {
    base: '-mb-px border-b-2 px-1 pb-3 text-sm font-medium whitespace-nowrap transition-colors focus-visible:outline-2 focus-visible:outline-indigo-500',
    idle: 'border-transparent text-zinc-500 hover:border-zinc-300 hover:text-zinc-800 dark:text-zinc-400 dark:hover:border-zinc-600 dark:hover:text-zinc-200',
    active: 'border-indigo-600 text-indigo-700 dark:border-indigo-400 dark:text-indigo-300',
  },
};

/**
 * A link that shows, visually and with aria-current, when it is the page (or section, unless `exact`) you are on.
 * `section` (a regular expression's source, so a server component can pass it) says which paths are its section when
 * that is not simply everything under `href`.
 */
export function NavLink({
  href,
  exact = false,
  section,
  variant = 'header',
  children,
}: {
  href: string;
  exact?: boolean;
  section?: string;
  variant?: keyof typeof STYLES;
  children: ReactNode;
}) {
  const pathname = usePathname();
  const active = section ? new RegExp(section).test(pathname) : exact ? pathname === href : pathname === href || pathname.startsWith(`${href}/`);
  const style = STYLES[variant];
  return (
    <Link href={href} aria-current={active ? 'page' : undefined} className={`${style.base} ${active ? style.active : style.idle}`}>
      {children}
    </Link>
  );
}
