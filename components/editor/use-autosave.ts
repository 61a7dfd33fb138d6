'use client';

import { TRPCClientError } from '@trpc/client';
import { useCallback, useEffect, useRef } from 'react';
import { errorMessage } from '@/components/ui/errors';
import { useTRPCClient } from '@/components/trpc';
import { toGraph } from './graph';
import { useEditorStore } from './store';

// Debounced autosave of the graph through `workflows.saveGraph`, which stores work in progress even when it does
// not validate and answers with the problems to show. The version of each answer is the If-Match of the next save,
// so a change made elsewhere meanwhile is reported as a conflict instead of being overwritten.

const AUTOSAVE_DELAY_MS = 800;

export function weftCode(error: unknown): string | null {
  if (error instanceof TRPCClientError) {
    const data = error.data as { weftCode?: unknown } | undefined;
    return typeof data?.weftCode === 'string' ? data.weftCode : null;
  }
  return null;
}

export function useAutosave(workflowId: string) {
  const client = useTRPCClient();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inflight = useRef<Promise<boolean> | null>(null);

  const saveNow = useCallback(
    async ({ force = false }: { force?: boolean } = {}): Promise<boolean> => {
      if (timer.current) {
        clearTimeout(timer.current);
        timer.current = null;
      }
      let forced = force;
      // Whatever changes while a save is on its way goes out right after it, until the screen and the server agree.
      for (;;) {
        while (inflight.current) await inflight.current;
        const state = useEditorStore.getState();
        if (state.workflowId !== workflowId) return false;
        if (state.revision === state.savedRevision && !forced) return true;
        if (!forced && state.save.status === 'conflict') return false;
        if (state.readOnly && !forced) return false;

        const revision = state.revision;
        const graph = toGraph(state);
        state.markSaving();
        const attempt = (async () => {
          try {
            const result = await client.workflows.saveGraph.mutate({ id: workflowId, graph, version: forced ? undefined : state.save.version });
            useEditorStore.getState().markSaved(revision, result.version, result.problems);
            return true;
          } catch (error) {
            const code = weftCode(error);
            const store = useEditorStore.getState();
            if (code === 'version_conflict') {
              store.markSaveFailed('conflict', 'This workflow was changed somewhere else (another tab or person) since you opened it.');
            } else {
              store.markSaveFailed('error', errorMessage(error, 'Your changes could not be saved.'));
            }
            return false;
          }
        })();
        inflight.current = attempt;
        const saved = await attempt.finally(() => {
          inflight.current = null;
        });
        if (!saved) return false;
        forced = false;
        if (useEditorStore.getState().revision === revision) return true;
      }
    },
    [client, workflowId],
  );

  useEffect(() => {
    const unsubscribe = useEditorStore.subscribe((state, previous) => {
      if (state.revision === previous.revision || state.workflowId !== workflowId) return;
      if (state.revision === state.savedRevision) return;
      if (state.save.status === 'conflict') return;
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        timer.current = null;
        void saveNow();
      }, AUTOSAVE_DELAY_MS);
    });
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      const state = useEditorStore.getState();
      if (state.revision !== state.savedRevision && !state.readOnly) {
        event.preventDefault();
        void saveNow();
      }
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      unsubscribe();
      window.removeEventListener('beforeunload', onBeforeUnload);
      if (timer.current) {
        clearTimeout(timer.current);
        timer.current = null;
        // Leaving the editor (another page of the app): store what is still pending.
        void saveNow();
      }
    };
  }, [saveNow, workflowId]);

  return saveNow;
}
