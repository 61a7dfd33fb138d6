'use client';

import type { inferRouterInputs } from '@trpc/server';
import { useCallback, useEffect, useRef } from 'react';
import { errorMessage } from '@/components/ui/errors';
import { useTRPCClient } from '@/components/trpc';
import { executionStreamUrl, readStreamMessage, STREAM_EVENT_TYPES } from '@/components/run-events/stream';
import { isRunActive } from './run-events';
import { useEditorStore } from './store';
import { weftCode } from './use-autosave';
import type { AppRouter } from '@/server/api/root';
import type { GraphProblem } from './types';

type ExecutionInput = NonNullable<inferRouterInputs<AppRouter>['executions']['start']['body']['input']>;

// Runs the workflow from the editor: save, `executions.start`, then follow the execution's server-sent events
// (GET /api/workflows/{id}/executions/{eid}/stream; same origin, so the session cookie goes along). EventSource
// reconnects by itself with Last-Event-ID; events already applied are ignored by id, so a replay never doubles
// anything. If the browser gives up, the run is reconnected a few times and then settled from the execution record.

export type StartResult = { ok: true; executionId: string } | { ok: false; message: string; problems?: GraphProblem[] };

const MAX_RECONNECTS = 6;

export function useRunner(workflowId: string, flushSave: () => Promise<boolean>) {
  const client = useTRPCClient();
  const sourceRef = useRef<EventSource | null>(null);
  const retryTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const stopFollowing = useCallback(() => {
    sourceRef.current?.close();
    sourceRef.current = null;
    if (retryTimer.current) clearTimeout(retryTimer.current);
    retryTimer.current = null;
  }, []);

  /** Reads how the execution ended from its record, when the stream cannot tell any more. */
  const settleFromRecord = useCallback(
    async (executionId: string) => {
      try {
        const execution = await client.executions.get.query({ workflow_id: workflowId, execution_id: executionId });
        const store = useEditorStore.getState();
        if (store.run?.executionId !== executionId || !isRunActive(store.run)) return;
        if (execution.status === 'running' || execution.status === 'queued') {
          store.failRun('Lost the live connection to this run; it is still going. Open the execution to follow it.');
          return;
        }
        if (execution.status === 'completed') {
          store.applyRunEvent({ type: 'done', status: 'completed', output: execution.output, duration_ms: execution.duration_ms ?? undefined }, null);
        } else {
          store.applyRunEvent(
            { type: 'error', error: execution.error?.message ?? `The execution ${execution.status}`, code: execution.status === 'cancelled' ? 'cancelled' : execution.error?.code, block_id: execution.error?.block_id ?? null },
            null,
          );
        }
      } catch (error) {
        useEditorStore.getState().failRun(errorMessage(error, 'Lost the connection to this run.'));
      }
    },
    [client, workflowId],
  );

  const follow = useCallback(
    (executionId: string) => {
      stopFollowing();
      let reconnects = 0;
      const open = () => {
        const lastSeq = useEditorStore.getState().run?.lastSeq ?? 0;
        const source = new EventSource(executionStreamUrl(workflowId, executionId, lastSeq));
        sourceRef.current = source;
        for (const type of STREAM_EVENT_TYPES) {
          source.addEventListener(type, (event) => {
            if (!(event instanceof MessageEvent)) {
              // The connection's own error event (shares its name with the stream's `error` event type).
              if (type !== 'error' || sourceRef.current !== source) return;
              reconnects++;
              const run = useEditorStore.getState().run;
              if (!isRunActive(run)) {
                stopFollowing();
              } else if (reconnects > MAX_RECONNECTS) {
                stopFollowing();
                void settleFromRecord(executionId);
              } else if (source.readyState === EventSource.CLOSED) {
                // The browser gave up (e.g. the server answered an error): try again ourselves, a little later.
                sourceRef.current = null;
                retryTimer.current = setTimeout(open, Math.min(8_000, 500 * 2 ** reconnects));
              }
              return;
            }
            const message = readStreamMessage(event);
            if (!message) return;
            const { event: data, seq } = message;
            if (data.execution_id && data.execution_id !== executionId) return;
            reconnects = 0;
            useEditorStore.getState().applyRunEvent({ ...data, type }, seq);
            if (type === 'done' || type === 'error') stopFollowing();
          });
        }
      };
      open();
    },
    [settleFromRecord, stopFollowing, workflowId],
  );

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
        follow(execution_id);
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
    [client, flushSave, follow, workflowId],
  );

  const cancel = useCallback(async () => {
    const run = useEditorStore.getState().run;
    if (!run?.executionId || !isRunActive(run)) return;
    try {
      await client.executions.cancel.mutate({ workflow_id: workflowId, execution_id: run.executionId });
    } catch (error) {
      useEditorStore.getState().notify(errorMessage(error, 'The run could not be cancelled.'), 'error');
      return;
    }
    // The stream reports the end; if it is gone already, the record does.
    if (!sourceRef.current) void settleFromRecord(run.executionId);
  }, [client, settleFromRecord, workflowId]);

  useEffect(() => stopFollowing, [stopFollowing]);

  return { start, cancel };
}
