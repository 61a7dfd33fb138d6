import { readJson } from '@/server/http/body';
import { json } from '@/server/http/respond';
import { authedRoute, methodNotAllowed } from '@/server/http/route';
import { importWorkflowInput } from '@/server/services/workflow-schemas';
import { importWorkflow } from '@/server/services/workflows';

export const dynamic = 'force-dynamic';

export const POST = authedRoute(async (request, caller) =>
  json(await importWorkflow(caller, await readJson(request, importWorkflowInput)), 201),
);

const notAllowed = methodNotAllowed(['POST']);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
