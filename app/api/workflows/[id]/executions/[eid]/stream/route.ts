import { authedRoute, methodNotAllowed } from '@/server/http/route';
import { lastEventId, SSE_HEADERS, streamExecution } from '@/server/services/execution-stream';

export const dynamic = 'force-dynamic';

export const GET = authedRoute<{ id: string; eid: string }>(async (request, caller, { id, eid }) => {
  const stream = await streamExecution(caller, id, eid, lastEventId(request));
  return stream ? new Response(stream, { headers: SSE_HEADERS }) : new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
});

const notAllowed = methodNotAllowed(['GET']);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
