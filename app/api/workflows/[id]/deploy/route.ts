import { authedRoute, methodNotAllowed } from '@/server/http/route';
import { deployWorkflow } from '@/server/services/deployments';

export const dynamic = 'force-dynamic';

export const POST = authedRoute<{ id: string }>(async (_request, caller, { id }) => deployWorkflow(caller, id));

const notAllowed = methodNotAllowed(['POST']);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
