import Link from 'next/link';
import { unstable_rethrow } from 'next/navigation';
import { getSession } from './auth/session';
import { UserMenu } from './auth/user-menu';
import { WorkspaceSwitcher } from './auth/workspace-switcher';
import { DatabaseBadge } from './database-badge';
import { ThemeToggle } from './theme-toggle';
import { buttonClasses } from './ui/button';
import { NavLink } from './ui/nav-link';

const NAV = [
  // A workflow's executions belong to Executions, not Workflows.
  { href: '/workflows', label: 'Workflows', section: '^/workflows(?!/[^/]+/executions)(/|$)' },
  { href: '/executions', label: 'Executions', section: '^(/executions|/workflows/[^/]+/executions)(/|$)' },
  { href: '/dashboard', label: 'Dashboard' },
  { href: '/settings', label: 'Settings' },
  { href: '/docs', label: 'API' },
];

/** Who is signed in, for the first paint; a header that cannot read the session still renders, signed out. */
async function signedInUser() {
  try {
    const session = await getSession();
    return session ? { name: session.user.name, email: session.user.email } : null;
  } catch (error) {
    unstable_rethrow(error);
    console.error('[weft] the header could not read the session:', error);
    return null;
  }
}

export async function AppHeader() {
  const user = await signedInUser();
  return (
    <header className="sticky top-0 z-20 border-b border-zinc-200 bg-white/90 backdrop-blur dark:border-zinc-800 dark:bg-zinc-900/90">
      {/* On narrow screens the nav takes a second row, so nothing overlaps. */}
      <div className="mx-auto flex max-w-screen-2xl flex-wrap items-center gap-x-3 gap-y-1 px-4 py-2 md:h-14 md:flex-nowrap md:gap-x-4 md:py-0">
        <Link href="/workflows" className="flex shrink-0 items-center gap-2 font-semibold tracking-tight" aria-label="Weft home">
          <span aria-hidden className="grid h-7 w-7 place-items-center rounded-md bg-indigo-600 text-sm text-white">
            W
          </span>
          <span className="hidden text-lg sm:inline">Weft</span>
        </Link>
        {user && (
          <>
            <span aria-hidden className="text-zinc-300 dark:text-zinc-700">
              /
            </span>
            <WorkspaceSwitcher />
            <nav aria-label="Main" className="order-last -mx-3 flex w-full items-center gap-1 md:order-none md:mx-0 md:w-auto">
              {NAV.map((item) => (
                <NavLink key={item.href} href={item.href} section={"section" in item ? item.section : undefined}>
                  {item.label}
                </NavLink>
              ))}
            </nav>
          </>
        )}
        <div className="ml-auto flex shrink-0 items-center gap-3">
          <div className={user ? 'hidden sm:block' : undefined}>
            <DatabaseBadge />
          </div>
          <ThemeToggle />
          {user ? (
            <UserMenu initialUser={user} />
          ) : (
            <>
              <Link href="/sign-in" className={buttonClasses('ghost', 'sm')}>
                Sign in
              </Link>
              <Link href="/sign-up" className={buttonClasses('primary', 'sm')}>
                Sign up
              </Link>
            </>
          )}
        </div>
      </div>
    </header>
  );
}
