import { readQuery } from '@/server/http/body';
import { authedRoute, methodNotAllowed } from '@/server/http/route';
import { listExecutionsQuery } from '@/server/services/execution-schemas';
import { listExecutions } from '@/server/services/executions/reads';

export const dynamic = 'force-dynamic';

export const GET = authedRoute<{ id: string }>(async (request, caller, { id }) => listExecutions(caller, id, readQuery(request, listExecutionsQuery)));

const notAllowed = methodNotAllowed(['GET']);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
