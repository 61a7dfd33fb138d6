'use client';

import Link from 'next/link';
import type { ReactNode } from 'react';
import { useAccount } from '@/components/auth/use-account';
import type { Role } from '@/components/auth/roles';
import { Alert } from '@/components/ui/alert';
import { QueryError } from '@/components/ui/query-error';
import { Loading } from '@/components/ui/spinner';

type Account = ReturnType<typeof useAccount>;
export interface SignedInAccount {
  me: NonNullable<Account['me']>;
  workspace: NonNullable<Account['workspace']>;
  role: Role;
}

/** Renders its content once the signed-in person, their workspace and role are known; loading and errors meanwhile. */
export function AccountGate({ children }: { children: (account: SignedInAccount) => ReactNode }) {
  const { query, pending, failed, me, workspace, role } = useAccount();
  if (pending) return <Loading label="Loading your workspace…" />;
  if (failed) return <QueryError title="Could not load your workspace" error={query.error} onRetry={() => query.refetch()} />;
  if (!me || !workspace || !role) {
    return (
      <Alert tone="warning" title="You are signed out">
        Your session has ended.{' '}
        <Link href="/sign-in?next=%2Fsettings" className="font-medium underline underline-offset-2">
          Sign in again
        </Link>{' '}
        to continue.
      </Alert>
    );
  }
  return children({ me, workspace, role });
}
