import { db } from '../db';
import { env } from '../env';
import { previewInvitation } from './invitation-token';

// Who may create an account (WEFT_SIGNUP): `open` anyone; `invite` (the default) the very first person, then only
// people holding a valid invitation link; `closed` nobody. The sign-up page and the sign-up endpoint ask here.

export type SignUpAllowed = 'anyone' | 'invited' | 'nobody';

export async function whoMaySignUp(): Promise<SignUpAllowed> {
  const mode = env().WEFT_SIGNUP;
  if (mode === 'open') return 'anyone';
  if (mode === 'closed') return 'nobody';
  const prisma = await db();
  return (await prisma.user.count()) === 0 ? 'anyone' : 'invited';
}

export interface SignUpRefusal {
  code: 'SIGN_UP_CLOSED' | 'SIGN_UP_INVITE_ONLY';
  message: string;
}

/** Null when this sign-up may go ahead, else why not in words for the form. */
export async function signUpRefusal(invitationToken: string | null): Promise<SignUpRefusal | null> {
  const allowed = await whoMaySignUp();
  if (allowed === 'anyone') return null;
  if (allowed === 'nobody') return { code: 'SIGN_UP_CLOSED', message: 'Sign-up is closed on this server. Ask its administrator for an account.' };
  if (invitationToken && (await previewInvitation(invitationToken)).valid) return null;
  return {
    code: 'SIGN_UP_INVITE_ONLY',
    message: 'This server is invitation-only: open the invitation link a workspace owner sent you to create your account.',
  };
}
