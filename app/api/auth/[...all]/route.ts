import { getAuth } from '@/server/auth/better-auth';
import { forgetCallers } from '@/server/auth/caller-cache';
import { throttledSignIn } from '@/server/auth/sign-in-throttle';

export const dynamic = 'force-dynamic';

async function handler(request: Request) {
  return (await getAuth(request.headers)).handler(request);
}

/** Every POST may end or change sessions (sign-out, password change, revoking sessions): callers are looked up afresh. */
async function post(request: Request) {
  try {
    return await (new URL(request.url).pathname.endsWith('/sign-in/email') ? throttledSignIn(request, handler) : handler(request));
  } finally {
    forgetCallers();
  }
}

export { handler as GET, post as POST };
