import { authedRoute, methodNotAllowed } from '@/server/http/route';
import { cancelExecution } from '@/server/services/executions/cancel';

export const dynamic = 'force-dynamic';

export const POST = authedRoute<{ id: string; eid: string }>(async (_request, caller, { id, eid }) => cancelExecution(caller, id, eid));

const notAllowed = methodNotAllowed(['POST']);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
