import { isUnfinished } from '@/lib/execution-states';
import { requireRole, type Caller } from '../../auth/caller';
import { ApiError } from '../../errors';
import type { ExecutionView } from '../execution-schemas';
import { findExecution, getExecution } from './reads';
import { executionRuntime } from './runtime';

/** Stops an execution that has not ended (its running blocks stop; a waiting one waits no more) and answers with it, now cancelled. */
export async function cancelExecution(caller: Caller, workflowId: string, executionId: string): Promise<ExecutionView> {
  requireRole(caller, 'editor');
  const row = await findExecution(caller, workflowId, executionId);
  if (!isUnfinished(row.status)) throw new ApiError('execution_finished', `The execution has already ended (${row.status})`);
  await executionRuntime().cancel(executionId, { code: 'cancelled', message: 'The execution was cancelled' });
  return getExecution(caller, workflowId, executionId);
}
