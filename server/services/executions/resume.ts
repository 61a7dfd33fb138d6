import type { z } from 'zod';
import { requireRole, type Caller } from '../../auth/caller';
import { ApiError } from '../../errors';
import { resumeInput, type ExecutionView } from '../execution-schemas';
import { findExecution, getExecution } from './reads';
import { settleWait, waitsOf } from './waits';

// POST .../resume: a person's decision at an approval block the execution waits at; it becomes the block's output
// and the execution runs on from its record.

const notWaiting = (blockId: string) => new ApiError('not_waiting', `The execution is not waiting for a decision at block "${blockId}"`);

/** Records the decision and answers once the execution has ended or waits again (like `execute`). */
export async function resumeExecution(caller: Caller, workflowId: string, executionId: string, body: z.input<typeof resumeInput>): Promise<ExecutionView> {
  requireRole(caller, 'editor');
  const { block_id, decision, data } = resumeInput.parse(body);
  const row = await findExecution(caller, workflowId, executionId);
  const waits = row.status === 'waiting' ? waitsOf(row) : [];
  if (!waits.some((wait) => wait.block_id === block_id && wait.awaits_decision)) throw notWaiting(block_id);
  const output = { decision, data: data ?? null, by: caller.userId ?? caller.apiKeyId, at: new Date().toISOString() };
  const settled = await settleWait(row, block_id, { output });
  if (!settled) throw notWaiting(block_id);
  await settled.done;
  return getExecution(caller, workflowId, executionId);
}
