// The life of an execution in one place: the statuses it passes through, which of them are still going, and what
// can start one. The API schemas, the database queries and the browser all derive their types from these lists.

export const executionStatuses = ['queued', 'running', 'completed', 'failed', 'cancelled', 'waiting'] as const;
export type ExecutionStatus = (typeof executionStatuses)[number];

/** Statuses of an execution that has not ended yet (it may still change, be cancelled or be streamed live). */
export const activeExecutionStatuses = ['queued', 'running'] as const satisfies readonly ExecutionStatus[];

/**
 * Statuses of an execution that has not ended, including one paused at an approval or a long wait (`waiting`: no
 * process holds it; it is resumed later), so it can still be cancelled and is kept by retention.
 */
export const unfinishedExecutionStatuses = [...activeExecutionStatuses, 'waiting'] as const satisfies readonly ExecutionStatus[];

/** Whether an execution in this status has not ended yet (waiting ones have not either). */
export function isUnfinished(status: string | null | undefined): boolean {
  return (unfinishedExecutionStatuses as readonly (string | null | undefined)[]).includes(status);
}

/** Whether an execution in this status is running or about to (a process holds it). */
export function isActive(status: string | null | undefined): boolean {
  return (activeExecutionStatuses as readonly (string | null | undefined)[]).includes(status);
}

/** What started an execution. */
export const executionTriggers = ['manual', 'api', 'webhook', 'schedule', 'form'] as const;
export type ExecutionTrigger = (typeof executionTriggers)[number];

/** How people see each of them: in history, and as the names of the standing trigger kinds (server/triggers). */
export const executionTriggerLabels: Record<ExecutionTrigger, string> = { manual: 'Manual', api: 'API', webhook: 'Webhook', schedule: 'Schedule', form: 'Form' };
