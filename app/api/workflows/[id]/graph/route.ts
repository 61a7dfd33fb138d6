import { readJson } from '@/server/http/body';
import { authedRoute, methodNotAllowed } from '@/server/http/route';
import { putGraphInput } from '@/server/services/workflow-schemas';
import { parseIfMatch, replaceGraph } from '@/server/services/workflows';

export const dynamic = 'force-dynamic';

export const PUT = authedRoute<{ id: string }>(async (request, caller, { id }) => {
  const expectedVersion = parseIfMatch(request.headers.get('if-match'));
  const { workflow } = await replaceGraph(caller, id, await readJson(request, putGraphInput), { expectedVersion });
  return Response.json(workflow, { headers: { ETag: `"${workflow.version}"` } });
});

const notAllowed = methodNotAllowed(['PUT']);
export { notAllowed as GET, notAllowed as POST, notAllowed as PATCH, notAllowed as DELETE };
