'use client';

import { redirect, usePathname, useSearchParams } from 'next/navigation';
import { authPageHref } from './next-path';

/**
 * Rendered by a layout that needs a session when there is none. Layouts do not know the URL, but client
 * components do; a redirect during server rendering is still an HTTP redirect, so the person lands on the sign-in
 * page with the exact page (and query) to come back to.
 */
export function RedirectToSignIn() {
  const pathname = usePathname();
  const search = useSearchParams().toString();
  return redirect(authPageHref('/sign-in', search ? `${pathname}?${search}` : pathname));
}
