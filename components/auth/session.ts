import { headers } from 'next/headers';
import { cache } from 'react';
import { getAuth } from '@/server/auth/better-auth';

// Server components only: who is signed in, read once per request however many layouts and pages ask.

export const getSession = cache(async () => {
  // headers() first: it marks the page dynamic before anything touches the database (never at build time).
  const requestHeaders = await headers();
  if (!requestHeaders.get('cookie')) return null;
  const auth = await getAuth(requestHeaders);
  return auth.api.getSession({ headers: requestHeaders });
});
