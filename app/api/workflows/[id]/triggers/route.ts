import { readJson } from '@/server/http/body';
import { publicOrigin } from '@/server/http/origin';
import { json } from '@/server/http/respond';
import { authedRoute, methodNotAllowed } from '@/server/http/route';
import { createTriggerInput } from '@/server/services/trigger-schemas';
import { createTrigger, listTriggers } from '@/server/services/triggers';

export const dynamic = 'force-dynamic';

export const GET = authedRoute<{ id: string }>(async (request, caller, { id }) => listTriggers(caller, id, publicOrigin(request.headers, request.url)));

export const POST = authedRoute<{ id: string }>(async (request, caller, { id }) =>
  json(await createTrigger(caller, id, await readJson(request, createTriggerInput), publicOrigin(request.headers, request.url)), 201),
);

const notAllowed = methodNotAllowed(['GET', 'POST']);
export { notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
