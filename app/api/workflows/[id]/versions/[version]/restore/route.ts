import { authedRoute, methodNotAllowed } from '@/server/http/route';
import { restoreVersion } from '@/server/services/deployments';
import { parseVersionParam } from '@/server/services/version-param';

export const dynamic = 'force-dynamic';

export const POST = authedRoute<{ id: string; version: string }>(async (_request, caller, { id, version }) =>
  restoreVersion(caller, id, parseVersionParam(version)),
);

const notAllowed = methodNotAllowed(['POST']);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
