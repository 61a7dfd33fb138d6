import { authedRoute, methodNotAllowed } from '@/server/http/route';
import { getExecution } from '@/server/services/executions/reads';

export const dynamic = 'force-dynamic';

export const GET = authedRoute<{ id: string; eid: string }>(async (_request, caller, { id, eid }) => getExecution(caller, id, eid));

const notAllowed = methodNotAllowed(['GET']);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
