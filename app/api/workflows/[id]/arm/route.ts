import { readJson } from '@/server/http/body';
import { publicOrigin } from '@/server/http/origin';
import { authedRoute, methodNotAllowed } from '@/server/http/route';
import { armInput } from '@/server/services/deployment-schemas';
import { armWebhook } from '@/server/services/deployments';

export const dynamic = 'force-dynamic';

export const POST = authedRoute<{ id: string }>(async (request, caller, { id }) =>
  armWebhook(caller, id, await readJson(request, armInput, { emptyAsObject: true }), publicOrigin(request.headers, request.url)),
);

const notAllowed = methodNotAllowed(['POST']);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
