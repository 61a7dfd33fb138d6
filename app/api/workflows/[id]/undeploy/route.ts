import { authedRoute, methodNotAllowed } from '@/server/http/route';
import { undeployWorkflow } from '@/server/services/deployments';

export const dynamic = 'force-dynamic';

export const POST = authedRoute<{ id: string }>(async (_request, caller, { id }) => undeployWorkflow(caller, id));

const notAllowed = methodNotAllowed(['POST']);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
