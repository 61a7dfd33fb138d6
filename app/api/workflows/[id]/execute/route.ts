import { readJson } from '@/server/http/body';
import { authedRoute, methodNotAllowed } from '@/server/http/route';
import { executeInput } from '@/server/services/execution-schemas';
import { executeAndWait } from '@/server/services/executions/launch';

export const dynamic = 'force-dynamic';

export const POST = authedRoute<{ id: string }>(async (request, caller, { id }) =>
  executeAndWait(caller, id, await readJson(request, executeInput, { emptyAsObject: true }), caller.via === 'session' ? 'manual' : 'api'),
);

const notAllowed = methodNotAllowed(['POST']);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
