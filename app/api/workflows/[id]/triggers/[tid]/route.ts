import { readJson } from '@/server/http/body';
import { publicOrigin } from '@/server/http/origin';
import { authedRoute, methodNotAllowed } from '@/server/http/route';
import { updateTriggerInput } from '@/server/services/trigger-schemas';
import { deleteTrigger, updateTrigger } from '@/server/services/triggers';

export const dynamic = 'force-dynamic';

export const PATCH = authedRoute<{ id: string; tid: string }>(async (request, caller, { id, tid }) =>
  updateTrigger(caller, id, tid, await readJson(request, updateTriggerInput), publicOrigin(request.headers, request.url)),
);

export const DELETE = authedRoute<{ id: string; tid: string }>(async (_request, caller, { id, tid }) => {
  await deleteTrigger(caller, id, tid);
  return new Response(null, { status: 204 });
});

const notAllowed = methodNotAllowed(['PATCH', 'DELETE']);
export { notAllowed as GET, notAllowed as POST, notAllowed as PUT };
