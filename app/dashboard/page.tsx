import type { Metadata } from 'next';
import { RedirectToSignIn } from '@/components/auth/redirect-to-sign-in';
import { getSession } from '@/components/auth/session';
import { DashboardView } from '@/components/dashboard/dashboard-view';

export const metadata: Metadata = { title: 'Dashboard' };

/** The workspace's figures: only signed-in people see them. */
export default async function DashboardPage() {
  if (!(await getSession())) return <RedirectToSignIn />;
  return <DashboardView />;
}
