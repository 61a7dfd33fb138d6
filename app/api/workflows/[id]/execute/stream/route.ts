import { env } from '@/server/env';
import { readJson } from '@/server/http/body';
import { authedRoute, methodNotAllowed } from '@/server/http/route';
import { executeInput } from '@/server/services/execution-schemas';
import { executionEventStream, SSE_HEADERS } from '@/server/services/execution-stream';
import { startExecution } from '@/server/services/executions/launch';

export const dynamic = 'force-dynamic';

export const POST = authedRoute<{ id: string }>(async (request, caller, { id }) => {
  const body = await readJson(request, executeInput, { emptyAsObject: true });
  const trigger = caller.via === 'session' ? 'manual' : 'api';
  const { id: executionId } = await startExecution(caller, id, body, { trigger, capMs: env().WEFT_STREAM_EXECUTION_TIMEOUT_MS });
  return new Response(executionEventStream(executionId, 0), { headers: { ...SSE_HEADERS, 'X-Execution-Id': executionId } });
});

const notAllowed = methodNotAllowed(['POST']);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
