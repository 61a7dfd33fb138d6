import { authedRoute, methodNotAllowed } from '@/server/http/route';
import { lastEventId, SSE_HEADERS, streamExecution } from '@/server/services/execution-stream';

export const dynamic = 'force-dynamic';

export const GET = authedRoute<{ id: string; eid: string }>(async (request, caller, { id, eid }) =>
  new Response(await streamExecution(caller, id, eid, lastEventId(request)), { headers: SSE_HEADERS }),
);

const notAllowed = methodNotAllowed(['GET']);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
