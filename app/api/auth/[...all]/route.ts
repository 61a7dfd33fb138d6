import { getAuth } from '@/server/auth/better-auth';
import { throttledSignIn } from '@/server/auth/sign-in-throttle';

export const dynamic = 'force-dynamic';

async function handler(request: Request) {
  return (await getAuth(request.headers)).handler(request);
}

async function post(request: Request) {
  return new URL(request.url).pathname.endsWith('/sign-in/email') ? throttledSignIn(request, handler) : handler(request);
}

export { handler as GET, post as POST };
