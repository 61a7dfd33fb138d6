import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { AuthCard } from '@/components/auth/auth-card';
import { AuthForm } from '@/components/auth/auth-form';
import { authPageHref, invitationTokenIn, safeNextPath } from '@/components/auth/next-path';
import { getSession } from '@/components/auth/session';
import { Alert } from '@/components/ui/alert';
import { whoMaySignUp } from '@/server/auth/sign-up-policy';

export const metadata: Metadata = { title: 'Create an account' };

const NOT_OPEN = {
  nobody: { title: 'Sign-up is closed', message: 'This Weft server does not take new accounts. Ask its administrator to create one for you.' },
  invited: {
    title: 'Sign-up is by invitation',
    message: 'This Weft server only takes new accounts through invitation links. Ask a workspace owner for one and open it to create your account.',
  },
} as const;

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const next = safeNextPath((await searchParams).next);
  if (await getSession()) redirect(next);
  const allowed = await whoMaySignUp();
  if (allowed === 'nobody' || (allowed === 'invited' && !invitationTokenIn(next))) {
    const { title, message } = NOT_OPEN[allowed];
    return (
      <AuthCard title={title}>
        <Alert tone="info">{message}</Alert>
        <p className="mt-4 text-center text-sm text-zinc-600 dark:text-zinc-400">
          Already have an account?{' '}
          <Link href={authPageHref('/sign-in', next)} className="font-medium text-indigo-600 hover:text-indigo-500 dark:text-indigo-400">
            Sign in
          </Link>
        </p>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Create your Weft account" description="You get your own workspace to build workflows in, and can invite others later.">
      <AuthForm mode="sign-up" next={next} />
    </AuthCard>
  );
}
