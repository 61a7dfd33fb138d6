import { authedRoute, methodNotAllowed } from '@/server/http/route';
import { listMcpServers } from '@/server/services/mcp-servers';

export const dynamic = 'force-dynamic';

export const GET = authedRoute(async (_request, caller) => listMcpServers(caller));

const notAllowed = methodNotAllowed(['GET']);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
