import { authedRoute, methodNotAllowed } from '@/server/http/route';
import { handleMcpRequest } from '@/server/services/mcp';

export const dynamic = 'force-dynamic';

// Model Context Protocol over Streamable HTTP, authenticated like the rest of the API (see server/services/mcp.ts).
// Stateless: every message is a POST; there is no session to open a GET stream on or to DELETE.
export const POST = authedRoute(async (request, caller) => handleMcpRequest(caller, request));

const notAllowed = methodNotAllowed(['POST']);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
