import { readBodyText } from '@/server/http/body';
import { json } from '@/server/http/respond';
import { methodNotAllowed, publicRoute } from '@/server/http/route';
import { triggerWebhook } from '@/server/services/webhooks';

export const dynamic = 'force-dynamic';

// No API key here: the webhook's own secret authenticates the call (see server/services/webhook-auth.ts).
export const POST = publicRoute<{ webhook_id: string }>(async (request, { webhook_id }) => {
  const url = new URL(request.url);
  const result = await triggerWebhook({
    webhookId: webhook_id,
    headers: request.headers,
    url,
    rawBody: await readBodyText(request),
    sourceIp: request.headers.get('x-forwarded-for')?.split(',')[0]?.trim() || request.headers.get('x-real-ip'),
    async: url.searchParams.get('async') === 'true',
  });
  return json(result.body, result.status);
});

const notAllowed = methodNotAllowed(['POST']);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
