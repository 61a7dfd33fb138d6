import { readJson } from '@/server/http/body';
import { authedRoute, methodNotAllowed } from '@/server/http/route';
import { resumeInput } from '@/server/services/execution-schemas';
import { resumeExecution } from '@/server/services/executions/resume';

export const dynamic = 'force-dynamic';

export const POST = authedRoute<{ id: string; eid: string }>(async (request, caller, { id, eid }) =>
  resumeExecution(caller, id, eid, await readJson(request, resumeInput)),
);

const notAllowed = methodNotAllowed(['POST']);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
