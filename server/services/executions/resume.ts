import type { z } from 'zod';
import { requireRole, type Caller } from '../../auth/caller';
import type { Prisma } from '../../db/generated/client';
import { ApiError } from '../../errors';
import { resumeInput, type ExecutionView } from '../execution-schemas';
import { findExecution, getExecution } from './reads';
import { settleWait, waitsOf } from './waits';

// POST .../resume and signed approval links: a decision at an approval block the execution waits at; it becomes
// the block's output and the execution runs on from its record.

type ExecutionRow = Prisma.ExecutionGetPayload<object>;
type Decision = z.infer<typeof resumeInput>['decision'];

const notWaiting = (blockId: string) => new ApiError('not_waiting', `The execution is not waiting for a decision at block "${blockId}"`);

/** Whether the execution waits for a decision at that block now. */
export function awaitsDecision(row: ExecutionRow, blockId: string): boolean {
  return row.status === 'waiting' && waitsOf(row).some((wait) => wait.block_id === blockId && wait.awaits_decision);
}

/**
 * Records who decided what at the block (`by`: a user or API key id, or "link") and resumes the execution;
 * `done` settles once it has ended or waits again. Only the first of concurrent decisions is recorded.
 */
export async function recordDecision(row: ExecutionRow, blockId: string, decision: Decision, data: unknown, by: string | null) {
  if (!awaitsDecision(row, blockId)) throw notWaiting(blockId);
  const output = { decision, data: data ?? null, by, at: new Date().toISOString() };
  const settled = await settleWait(row, blockId, { output });
  if (!settled) throw notWaiting(blockId);
  return settled;
}

/** Records the decision and answers once the execution has ended or waits again (like `execute`). */
export async function resumeExecution(caller: Caller, workflowId: string, executionId: string, body: z.input<typeof resumeInput>): Promise<ExecutionView> {
  requireRole(caller, 'editor');
  const { block_id, decision, data } = resumeInput.parse(body);
  const row = await findExecution(caller, workflowId, executionId);
  await (await recordDecision(row, block_id, decision, data, caller.userId ?? caller.apiKeyId)).done;
  return getExecution(caller, workflowId, executionId);
}
