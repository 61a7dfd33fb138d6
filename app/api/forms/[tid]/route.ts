import { readJson } from '@/server/http/body';
import { methodNotAllowed, publicRoute } from '@/server/http/route';
import { formSubmission, submitForm } from '@/server/services/trigger-forms';

export const dynamic = 'force-dynamic';

// A public form needs no credential; a workspace form checks the session cookie itself (trigger-forms.ts).
export const POST = publicRoute<{ tid: string }>(async (request, { tid }) =>
  submitForm(tid, request.headers, request.url, await readJson(request, formSubmission, { emptyAsObject: true })),
);

const notAllowed = methodNotAllowed(['POST']);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
