import type { z } from 'zod';
import type { ExecutionTrigger } from '@/lib/execution-states';
import { requireRole, type Caller } from '../../auth/caller';
import { env } from '../../env';
import { rerunInput } from '../execution-schemas';
import { storedGraph } from '../workflows';
import { draftSource, launchExecution, type GraphSource } from './launch';
import { executionAfterRun, findExecution } from './reads';

// Re-running an execution from history: its input or an edited one, on the graph exactly as it ran or on the
// current draft. The new execution names the one it re-ran (`source_execution_id`), which lists it in `reruns`.

/** Starts the re-run and returns its id at once; the input is checked against the chosen graph's input block. */
export async function startRerun(
  caller: Caller,
  workflowId: string,
  executionId: string,
  body: z.input<typeof rerunInput>,
  options: { trigger: ExecutionTrigger; capMs: number },
) {
  requireRole(caller, 'editor');
  const request = rerunInput.parse(body);
  const ran = await findExecution(caller, workflowId, executionId);
  const source: GraphSource =
    request.version === 'ran' ? { graph: storedGraph(ran), version: ran.version, versionId: ran.versionId } : await draftSource(caller, workflowId);
  return launchExecution({
    workspaceId: caller.workspaceId,
    workflowId,
    source,
    trigger: options.trigger,
    input: request.input ?? (ran.input as Record<string, unknown>),
    capMs: options.capMs,
    sourceExecutionId: ran.id,
  });
}

/** POST .../executions/{eid}/rerun: re-runs and waits, answering with the finished execution (like execute). */
export async function rerunAndWait(caller: Caller, workflowId: string, executionId: string, body: z.input<typeof rerunInput>, trigger: ExecutionTrigger) {
  const { row, ended } = await startRerun(caller, workflowId, executionId, body, { trigger, capMs: env().WEFT_SYNC_EXECUTION_TIMEOUT_MS });
  return executionAfterRun(row, await ended);
}
