'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useTRPC, useTRPCClient } from '@/components/trpc';
import { Alert } from '@/components/ui/alert';
import { Button, buttonClasses } from '@/components/ui/button';
import { errorMessage } from '@/components/ui/errors';
import { QueryError } from '@/components/ui/query-error';
import { Loading } from '@/components/ui/spinner';
import { formatDateTime, relativeTime } from '@/components/ui/time';
import { AuthCard } from './auth-card';
import { authClient } from './auth-client';
import { AuthForm } from './auth-form';
import { ROLE_DESCRIPTION, ROLE_LABEL } from './roles';

interface Props {
  token: string;
  signedInAs: { name: string; email: string } | null;
  /** False when the server takes no new accounts (WEFT_SIGNUP=closed): only existing accounts can accept. */
  canSignUp: boolean;
}

/**
 * What an invitation link offers, and the way in: sign up or sign in right here, which accepts it, or accept as the
 * person already signed in. A link that cannot be used says why.
 */
export function InviteView({ token, signedInAs, canSignUp }: Props) {
  const trpc = useTRPC();
  // Tokens are long random strings; anything outside the server's accepted length is simply not a valid link.
  const plausible = token.length >= 10 && token.length <= 200;
  const preview = useQuery({ ...trpc.invitations.preview.queryOptions({ token }), enabled: plausible, retry: false });

  if (!plausible || (preview.isError && preview.error.data?.httpStatus === 400)) {
    return <Unavailable reason="This invitation link is not valid. Check that you copied all of it." signedIn={signedInAs !== null} />;
  }
  if (preview.isPending) {
    return (
      <AuthCard title="Invitation">
        <Loading label="Checking your invitation…" />
      </AuthCard>
    );
  }
  if (preview.isError) {
    return (
      <AuthCard title="Invitation">
        <QueryError title="Could not check this invitation" error={preview.error} onRetry={() => preview.refetch()} />
      </AuthCard>
    );
  }
  if (!preview.data.valid) return <Unavailable reason={preview.data.reason} signedIn={signedInAs !== null} />;

  const { workspace_name, role, expires_at } = preview.data;
  const offer = (
    <>
      You have been invited to join <strong className="text-zinc-900 dark:text-zinc-100">{workspace_name}</strong> as{' '}
      <strong className="text-zinc-900 dark:text-zinc-100">{ROLE_LABEL[role].toLowerCase()}</strong>: {ROLE_DESCRIPTION[role].charAt(0).toLowerCase()}
      {ROLE_DESCRIPTION[role].slice(1)}
      <span className="mt-2 block text-xs" title={formatDateTime(expires_at)}>
        The invitation expires {relativeTime(expires_at)}.
      </span>
    </>
  );

  return (
    <AuthCard title={`Join ${workspace_name}`} description={offer}>
      {signedInAs ? <Accept token={token} signedInAs={signedInAs} /> : <SignInToAccept token={token} canSignUp={canSignUp} />}
    </AuthCard>
  );
}

/**
 * Signing up or in here is the person's yes: the invitation is accepted right after, and they land in the joined
 * workspace. Should accepting fail, the invitation page loads again and says why (with its Accept button).
 */
function SignInToAccept({ token, canSignUp }: { token: string; canSignUp: boolean }) {
  const trpcClient = useTRPCClient();
  const [mode, setMode] = useState<'sign-up' | 'sign-in'>(canSignUp ? 'sign-up' : 'sign-in');
  const next = `/invite/${encodeURIComponent(token)}`;
  const accept = () =>
    trpcClient.invitations.accept.mutate({ token }).then(
      () => '/workflows',
      () => next,
    );
  return (
    <div>
      <p className="mb-4 text-sm text-zinc-600 dark:text-zinc-400">
        {mode === 'sign-up' ? 'Create your Weft account to accept.' : 'Sign in to accept with your existing account.'}
      </p>
      {/* Keyed by mode so each form starts empty. */}
      <AuthForm key={mode} mode={mode} next={next} onSignedIn={accept} onSwitchMode={() => setMode(mode === 'sign-up' ? 'sign-in' : 'sign-up')} />
    </div>
  );
}

function Accept({ token, signedInAs }: { token: string; signedInAs: { name: string; email: string } }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const [leaving, setLeaving] = useState(false);
  const accept = useMutation(
    trpc.invitations.accept.mutationOptions({
      // The server has switched this session to the joined workspace: re-read everything, then go to its workflows.
      onSuccess: async () => {
        await queryClient.invalidateQueries();
        router.push('/workflows');
      },
    }),
  );

  async function signOut() {
    setLeaving(true);
    await authClient.signOut().catch(() => undefined);
    window.location.reload();
  }

  return (
    <div className="space-y-4">
      {accept.isError && <Alert tone="error">{errorMessage(accept.error)}</Alert>}
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Signed in as <span className="font-medium text-zinc-900 dark:text-zinc-100">{signedInAs.email}</span>.
      </p>
      <Button variant="primary" className="w-full" loading={accept.isPending || accept.isSuccess} onClick={() => accept.mutate({ token })}>
        {accept.isPending || accept.isSuccess ? 'Joining…' : 'Accept invitation'}
      </Button>
      <p className="text-center text-sm text-zinc-600 dark:text-zinc-400">
        Not you?{' '}
        <button
          type="button"
          onClick={signOut}
          disabled={leaving}
          className="rounded font-medium text-indigo-600 hover:text-indigo-500 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-indigo-400"
        >
          {leaving ? 'Signing out…' : 'Sign out'}
        </button>
      </p>
    </div>
  );
}

function Unavailable({ reason, signedIn }: { reason: string; signedIn: boolean }) {
  return (
    <AuthCard title="This invitation cannot be used" description={reason}>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">Ask the person who invited you for a new link.</p>
      <div className="mt-4 flex gap-2">
        {signedIn ? (
          <Link href="/workflows" className={buttonClasses('primary', 'md', 'w-full')}>
            Go to your workflows
          </Link>
        ) : (
          <>
            <Link href="/sign-in" className={buttonClasses('secondary', 'md', 'flex-1')}>
              Sign in
            </Link>
            <Link href="/sign-up" className={buttonClasses('primary', 'md', 'flex-1')}>
              Create an account
            </Link>
          </>
        )}
      </div>
    </AuthCard>
  );
}
