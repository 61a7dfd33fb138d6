import { readJson } from '@/server/http/body';
import { authedRoute, methodNotAllowed } from '@/server/http/route';
import { rerunInput } from '@/server/services/execution-schemas';
import { rerunAndWait } from '@/server/services/executions/rerun';

export const dynamic = 'force-dynamic';

export const POST = authedRoute<{ id: string; eid: string }>(async (request, caller, { id, eid }) =>
  rerunAndWait(caller, id, eid, await readJson(request, rerunInput, { emptyAsObject: true }), caller.via === 'session' ? 'manual' : 'api'),
);

const notAllowed = methodNotAllowed(['POST']);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
