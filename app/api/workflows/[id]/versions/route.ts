import { authedRoute, methodNotAllowed } from '@/server/http/route';
import { listVersions } from '@/server/services/deployments';

export const dynamic = 'force-dynamic';

export const GET = authedRoute<{ id: string }>(async (_request, caller, { id }) => listVersions(caller, id));

const notAllowed = methodNotAllowed(['GET']);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
