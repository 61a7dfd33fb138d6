import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { RedirectToSignIn } from '@/components/auth/redirect-to-sign-in';
import { getSession } from '@/components/auth/session';
import { SettingsHeader } from '@/components/settings/settings-header';

export const metadata: Metadata = { title: { default: 'Settings', template: '%s · Settings · Weft' } };

export default async function SettingsLayout({ children }: { children: ReactNode }) {
  if (!(await getSession())) return <RedirectToSignIn />;
  return (
    <div className="mx-auto w-full max-w-4xl px-4 py-8">
      <SettingsHeader />
      {children}
    </div>
  );
}
