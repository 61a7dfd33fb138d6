import { readJson, readQuery } from '@/server/http/body';
import { json } from '@/server/http/respond';
import { authedRoute, methodNotAllowed } from '@/server/http/route';
import { createWorkflowInput, listWorkflowsQuery } from '@/server/services/workflow-schemas';
import { createWorkflow, listWorkflows } from '@/server/services/workflows';

export const dynamic = 'force-dynamic';

export const GET = authedRoute(async (request, caller) => listWorkflows(caller, readQuery(request, listWorkflowsQuery)));

export const POST = authedRoute(async (request, caller) =>
  json(await createWorkflow(caller, await readJson(request, createWorkflowInput)), 201),
);

const notAllowed = methodNotAllowed(['GET', 'POST']);
export { notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
