import type { ReactNode } from 'react';
import { RedirectToSignIn } from '@/components/auth/redirect-to-sign-in';
import { getSession } from '@/components/auth/session';

/** Executions belong to a workspace: only signed-in people see them. */
export default async function ExecutionsLayout({ children }: { children: ReactNode }) {
  if (!(await getSession())) return <RedirectToSignIn />;
  return children;
}
