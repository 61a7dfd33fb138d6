'use client';

import type { inferRouterInputs } from '@trpc/server';
import { useCallback } from 'react';
import { isActive } from '@/lib/execution-states';
import { errorMessage } from '@/components/ui/errors';
import { useTRPCClient } from '@/components/trpc';
import { isRunActive } from '@/components/run-events/run-state';
import { useRunStream } from '@/components/run-events/use-run-stream';
import { useEditorStore } from './store';
import { weftCode } from './use-autosave';
import type { AppRouter } from '@/server/api/root';
import type { GraphProblem } from './types';

type ExecutionInput = NonNullable<inferRouterInputs<AppRouter>['executions']['start']['body']['input']>;

// Runs the workflow from the editor: save, `executions.start`, then follow the execution's events into the store
// (useRunStream). If the stream cannot be kept up, the run is settled from the execution record.

export type StartResult = { ok: true; executionId: string } | { ok: false; message: string; problems?: GraphProblem[] };

export function useRunner(workflowId: string, flushSave: () => Promise<boolean>) {
  const client = useTRPCClient();
  const executionId = useEditorStore((state) => state.run?.executionId ?? null);
  const following = useEditorStore((state) => isRunActive(state.run));

  /** Reads how the execution ended from its record, when the stream cannot tell any more. */
  const settleFromRecord = useCallback(
    async (executionId: string) => {
      try {
        const execution = await client.executions.get.query({ workflow_id: workflowId, execution_id: executionId });
        const store = useEditorStore.getState();
        const run = store.run;
        if (run?.executionId !== executionId || !isRunActive(run)) return;
        if (isActive(execution.status)) {
          store.failRun('Lost the live connection to this run; it is still going. Open the execution to follow it.');
          return;
        }
        const duration_ms = execution.duration_ms ?? Date.now() - run.startedAt;
        if (execution.status === 'completed') {
          store.applyRunEvent({ type: 'done', status: 'completed', output: execution.output, duration_ms }, null);
        } else {
          const code = execution.status === 'cancelled' ? 'cancelled' : (execution.error?.code ?? 'failed');
          const message = execution.error?.message ?? `The execution ${execution.status}`;
          store.applyRunEvent({ type: 'error', error: message, code, block_id: execution.error?.block_id ?? null }, null);
        }
      } catch (error) {
        useEditorStore.getState().failRun(errorMessage(error, 'Lost the connection to this run.'));
      }
    },
    [client, workflowId],
  );

  useRunStream({
    workflowId,
    executionId,
    enabled: following,
    onEvent: (event, seq, receivedAt) => useEditorStore.getState().applyRunEvent(event, seq, receivedAt),
    onLost: () => {
      if (executionId) void settleFromRecord(executionId);
    },
  });

  const start = useCallback(
    async (input: Record<string, unknown>): Promise<StartResult> => {
      const saved = await flushSave();
      if (!saved) {
        const save = useEditorStore.getState().save;
        return { ok: false, message: save.error ?? 'Save your changes before running.' };
      }
      const store = useEditorStore.getState();
      try {
        const { execution_id } = await client.executions.start.mutate({ workflow_id: workflowId, body: { input: input as ExecutionInput } });
        store.beginRun();
        store.attachRun(execution_id);
        return { ok: true, executionId: execution_id };
      } catch (error) {
        if (weftCode(error) === 'invalid_graph') {
          const details = (error as { data?: { details?: unknown } }).data?.details;
          const problems = Array.isArray(details) ? (details as GraphProblem[]) : [];
          return { ok: false, message: 'The workflow has problems to fix before it can run.', problems };
        }
        return { ok: false, message: errorMessage(error, 'The run could not start.') };
      }
    },
    [client, flushSave, workflowId],
  );

  // The stream reports the end of a cancelled run (or, if it is lost, the record does).
  const cancel = useCallback(async () => {
    const run = useEditorStore.getState().run;
    if (!run?.executionId || !isRunActive(run)) return;
    try {
      await client.executions.cancel.mutate({ workflow_id: workflowId, execution_id: run.executionId });
    } catch (error) {
      useEditorStore.getState().notify(errorMessage(error, 'The run could not be cancelled.'), 'error');
    }
  }, [client, workflowId]);

  return { start, cancel };
}
