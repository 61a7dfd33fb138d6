// Executions running in this process, so cancel can reach their abort controller and sync callers can wait.

export interface ActiveExecution {
  controller: AbortController;
  done: Promise<void>;
}

const globalForActive = globalThis as unknown as { weftActiveExecutions?: Map<string, ActiveExecution> };
export const activeExecutions: Map<string, ActiveExecution> = (globalForActive.weftActiveExecutions ??= new Map());
