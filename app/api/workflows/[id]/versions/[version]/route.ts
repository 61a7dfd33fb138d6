import { authedRoute, methodNotAllowed } from '@/server/http/route';
import { getVersion } from '@/server/services/deployments';
import { parseVersionParam } from '@/server/services/version-param';

export const dynamic = 'force-dynamic';

export const GET = authedRoute<{ id: string; version: string }>(async (_request, caller, { id, version }) =>
  getVersion(caller, id, parseVersionParam(version)),
);

const notAllowed = methodNotAllowed(['GET']);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
