import Link from 'next/link';
import type { ReactNode } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button, buttonClasses } from '@/components/ui/button';
import { errorMessage } from '@/components/ui/errors';

// Pieces the history pages (one workflow's executions, one execution) share: the trail back up and the alert for a
// record that failed to load or is not there.

const CRUMB_LINK = 'hover:text-zinc-800 hover:underline dark:hover:text-zinc-200';

/** Root / parent / current page; a parent of `null` is still loading and shows a placeholder bar. */
export function Breadcrumb({
  root,
  parent,
  current,
  currentClassName,
}: {
  root: { href: string; label: string };
  parent: { href: string; label: string } | null;
  current: ReactNode;
  currentClassName: string;
}) {
  return (
    <nav aria-label="Breadcrumb" className="mb-2 text-sm text-zinc-500 dark:text-zinc-400">
      <ol className="flex flex-wrap items-center gap-1.5">
        <li>
          <Link href={root.href} className={CRUMB_LINK}>
            {root.label}
          </Link>
        </li>
        <li aria-hidden>/</li>
        <li className="max-w-[20rem] truncate">
          {parent ? (
            <Link href={parent.href} className={CRUMB_LINK}>
              {parent.label}
            </Link>
          ) : (
            <span className="inline-block h-3 w-24 animate-pulse rounded bg-zinc-200 align-middle dark:bg-zinc-800" />
          )}
        </li>
        <li aria-hidden>/</li>
        <li aria-current="page" className={currentClassName}>
          {current}
        </li>
      </ol>
    </nav>
  );
}

/** A page's record could not be loaded: when it is missing, a way back to the list; otherwise a retry. */
export function LoadFailedAlert({
  what,
  error,
  missing,
  onRetry,
}: {
  what: string;
  error: unknown;
  missing: { title: string; explanation: string; backHref: string; backLabel: string } | null;
  onRetry: () => void;
}) {
  return (
    <Alert
      tone="error"
      title={missing ? missing.title : `Could not load the ${what}`}
      action={
        missing ? (
          <Link href={missing.backHref} className={buttonClasses('secondary', 'sm')}>
            {missing.backLabel}
          </Link>
        ) : (
          <Button size="sm" onClick={onRetry}>
            Try again
          </Button>
        )
      }
    >
      {missing ? missing.explanation : errorMessage(error)}
    </Alert>
  );
}

/** A record's load failed with 404 (tRPC puts the HTTP status on the error's data). */
export function isNotFound(error: unknown): boolean {
  return (error as { data?: { httpStatus?: number } } | null)?.data?.httpStatus === 404;
}
