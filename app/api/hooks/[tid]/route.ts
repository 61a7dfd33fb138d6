import { readBodyText } from '@/server/http/body';
import { methodNotAllowed, publicRoute } from '@/server/http/route';
import { callStandingWebhook } from '@/server/services/trigger-hooks';

export const dynamic = 'force-dynamic';

// No API key here: the trigger's own auth (bearer, signature, or none) authenticates the call.
export const POST = publicRoute<{ tid: string }>(async (request, { tid }) => {
  const result = await callStandingWebhook({
    triggerId: tid,
    headers: request.headers,
    url: new URL(request.url),
    rawBody: await readBodyText(request),
    sourceIp: request.headers.get('x-forwarded-for')?.split(',')[0]?.trim() || request.headers.get('x-real-ip'),
  });
  return Response.json(result.body, { status: result.status, headers: result.headers });
});

const notAllowed = methodNotAllowed(['POST']);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
