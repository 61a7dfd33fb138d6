import { readJson } from '@/server/http/body';
import { authedRoute, methodNotAllowed } from '@/server/http/route';
import { patchWorkflowInput } from '@/server/services/workflow-schemas';
import { deleteWorkflow, getWorkflow, updateWorkflow } from '@/server/services/workflows';

export const dynamic = 'force-dynamic';

type Params = { id: string };

export const GET = authedRoute<Params>(async (_request, caller, { id }) => {
  const workflow = await getWorkflow(caller, id);
  return Response.json(workflow, { headers: { ETag: `"${workflow.version}"` } });
});

export const PATCH = authedRoute<Params>(async (request, caller, { id }) =>
  updateWorkflow(caller, id, await readJson(request, patchWorkflowInput)),
);

export const DELETE = authedRoute<Params>(async (_request, caller, { id }) => {
  await deleteWorkflow(caller, id);
  return new Response(null, { status: 204 });
});

const notAllowed = methodNotAllowed(['GET', 'PATCH', 'DELETE']);
export { notAllowed as POST, notAllowed as PUT };
