import { publicOrigin } from '@/server/http/origin';
import { authedRoute, methodNotAllowed } from '@/server/http/route';
import { approvalLinks } from '@/server/services/executions/approval-links';

export const dynamic = 'force-dynamic';

export const GET = authedRoute<{ id: string; eid: string }>(async (request, caller, { id, eid }) => ({
  approval_links: await approvalLinks(caller, id, eid, publicOrigin(request.headers, request.url)),
}));

const notAllowed = methodNotAllowed(['GET']);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
