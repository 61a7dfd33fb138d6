import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { AuthCard } from '@/components/auth/auth-card';
import { AuthForm } from '@/components/auth/auth-form';
import { safeNextPath } from '@/components/auth/next-path';
import { getSession } from '@/components/auth/session';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const next = safeNextPath((await searchParams).next);
  if (await getSession()) redirect(next);
  return (
    <AuthCard title="Sign in to Weft" description="Welcome back. Sign in to build and run your workflows.">
      <AuthForm mode="sign-in" next={next} />
    </AuthCard>
  );
}
