import type { Metadata } from 'next';
import { InviteView } from '@/components/auth/invite-view';
import { getSession } from '@/components/auth/session';
import { whoMaySignUp } from '@/server/auth/sign-up-policy';

export const metadata: Metadata = { title: 'Invitation' };

/** Public: the person may not have an account yet. The link itself is the credential to join. */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const session = await getSession();
  const signedInAs = session ? { name: session.user.name, email: session.user.email } : null;
  return <InviteView token={token} signedInAs={signedInAs} canSignUp={(await whoMaySignUp()) !== 'nobody'} />;
}
