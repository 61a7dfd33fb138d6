import { readJson } from '@/server/http/body';
import { authedRoute, methodNotAllowed } from '@/server/http/route';
import { mcpServerInput } from '@/server/services/mcp-server-schemas';
import { deleteMcpServer, putMcpServer } from '@/server/services/mcp-servers';

export const dynamic = 'force-dynamic';

type Params = { name: string };

export const PUT = authedRoute<Params>(async (request, caller, { name }) => putMcpServer(caller, { ...(await readJson(request, mcpServerInput)), name }));

export const DELETE = authedRoute<Params>(async (_request, caller, { name }) => {
  await deleteMcpServer(caller, name);
  return new Response(null, { status: 204 });
});

const notAllowed = methodNotAllowed(['PUT', 'DELETE']);
export { notAllowed as GET, notAllowed as POST, notAllowed as PATCH };
