import { unfinishedExecutionStatuses } from '@/lib/execution-states';
import { db } from '../../db';
import { endChannel, openChannel, subscribe } from '../../engine/event-hub';
import type { StopReason } from '../../engine/run-graph';
import { runExecution, type ExecutionJob } from './run';
import type { ExecutionRuntime } from './runtime';

// The in-process runtime: each execution runs on this server's event loop, its live events stay in this
// process's memory (the event hub) and cancelling aborts its controller.

interface RunningExecution {
  controller: AbortController;
  done: Promise<void>;
}

// On globalThis so that a module reloaded in development still reaches the executions already running.
const globalForRuntime = globalThis as unknown as { weftActiveExecutions?: Map<string, RunningExecution> };
const running: Map<string, RunningExecution> = (globalForRuntime.weftActiveExecutions ??= new Map());

export const inlineRuntime: ExecutionRuntime = {
  launch(job: ExecutionJob): Promise<void> {
    const controller = new AbortController();
    openChannel(job.executionId);
    const cap = setTimeout(() => {
      const reason: StopReason = { code: 'execution_timeout', message: `The execution took longer than its limit of ${job.capMs} ms` };
      controller.abort(reason);
    }, job.capMs);
    const done = runExecution(job, controller.signal).finally(() => {
      clearTimeout(cap);
      endChannel(job.executionId);
      running.delete(job.executionId);
    });
    running.set(job.executionId, { controller, done });
    return done;
  },

  async cancel(executionId: string, reason: StopReason): Promise<void> {
    const execution = running.get(executionId);
    if (execution) {
      execution.controller.abort(reason);
      await execution.done;
      return;
    }
    // Run by a process that is gone (or another server): nothing to abort here, so record the end directly.
    const prisma = await db();
    await prisma.execution.updateMany({
      where: { id: executionId, status: { in: [...unfinishedExecutionStatuses] } },
      data: { status: 'cancelled', error: { message: reason.message, block_id: null, code: reason.code }, completedAt: new Date() },
    });
  },

  subscribe: (executionId, afterSeq, listener) => subscribe(executionId, afterSeq, listener),

  isRunning: (executionId) => running.has(executionId),
};
