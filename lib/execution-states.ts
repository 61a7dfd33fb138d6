// The life of an execution in one place: the statuses it passes through, which of them are still going, and what
// can start one. The API schemas, the database queries and the browser all derive their types from these lists.

export const executionStatuses = ['queued', 'running', 'completed', 'failed', 'cancelled'] as const;
export type ExecutionStatus = (typeof executionStatuses)[number];

/** Statuses of an execution that has not ended yet (it may still change, be cancelled or be streamed live). */
export const activeExecutionStatuses = ['queued', 'running'] as const satisfies readonly ExecutionStatus[];

/** Whether an execution in this status has not ended yet. */
export function isActive(status: string | null | undefined): boolean {
  return (activeExecutionStatuses as readonly (string | null | undefined)[]).includes(status);
}

/** What started an execution. */
export const executionTriggers = ['manual', 'api', 'webhook', 'schedule', 'form'] as const;
export type ExecutionTrigger = (typeof executionTriggers)[number];
