import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { AuthCard } from '@/components/auth/auth-card';
import { AuthForm } from '@/components/auth/auth-form';
import { safeNextPath } from '@/components/auth/next-path';
import { getSession } from '@/components/auth/session';

export const metadata: Metadata = { title: 'Create an account' };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const next = safeNextPath((await searchParams).next);
  if (await getSession()) redirect(next);
  return (
    <AuthCard title="Create your Weft account" description="You get your own workspace to build workflows in, and can invite others later.">
      <AuthForm mode="sign-up" next={next} />
    </AuthCard>
  );
}
