'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTRPC } from '@/components/trpc';
import { diffGraphs } from '@/components/versions/diff';
import { useDraftGraph } from '@/components/versions/use-version';
import { useEditorStore } from './store';

// What is deployed next to the draft on screen: the deployed version's number, whether the draft differs from it (the
// same diff the Versions panel shows), and "deploy changes". The top bar and the deploy panel read the same query.

const STATUS_POLL_MS = 5_000;
const ARMED_POLL_MS = 2_000;

/** The deployment as the server has it; while `live` (the deploy panel is open) it is followed every few seconds. */
export function useDeploymentStatus(workflowId: string, { live = false }: { live?: boolean } = {}) {
  const trpc = useTRPC();
  return useQuery({
    ...trpc.deployments.status.queryOptions({ workflow_id: workflowId }),
    refetchOnMount: live ? 'always' : true,
    refetchOnWindowFocus: true,
    refetchInterval: live ? (query) => (query.state.data?.webhook?.active ? ARMED_POLL_MS : STATUS_POLL_MS) : false,
  });
}

/** How the draft differs from the deployed version, or null when nothing is deployed (or it is still loading). */
export function useDeployedDiff(workflowId: string) {
  const trpc = useTRPC();
  const deployed = useEditorStore((state) => state.deployed);
  const status = useDeploymentStatus(workflowId);
  const version = deployed ? (status.data?.version ?? null) : null;
  const snapshot = useQuery({
    ...trpc.deployments.version.queryOptions({ workflow_id: workflowId, version: version ?? 1 }),
    enabled: version !== null,
    staleTime: Infinity,
  });
  const draft = useDraftGraph();
  const diff = useMemo(() => (version !== null && snapshot.data ? diffGraphs(snapshot.data, draft) : null), [version, snapshot.data, draft]);
  return { version, diff, differs: diff !== null && (!diff.sameGraph || diff.summary.moved > 0) };
}

/** Everything that reads deployment state, refreshed after a deploy, an undeploy or an arm. */
export function useRefreshDeployment(workflowId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.deployments.status.queryKey({ workflow_id: workflowId }) }),
      queryClient.invalidateQueries({ queryKey: trpc.workflows.get.queryKey({ id: workflowId }) }),
      queryClient.invalidateQueries({ queryKey: trpc.deployments.versions.queryKey({ workflow_id: workflowId }) }),
    ]);
  };
}

/** "Deploy changes": saves what is on screen, then makes the draft the deployed version (webhooks follow it). */
export function useDeployChanges(workflowId: string, flushSave: () => Promise<boolean>) {
  const trpc = useTRPC();
  const refresh = useRefreshDeployment(workflowId);
  const mutation = useMutation(trpc.deployments.deployChanges.mutationOptions());
  async function deployChanges(): Promise<{ version: number }> {
    if (!(await flushSave())) throw new Error(useEditorStore.getState().save.error ?? 'Save your changes before deploying.');
    const result = await mutation.mutateAsync({ workflow_id: workflowId });
    await refresh();
    useEditorStore.getState().notify(`Deployed version ${result.version}. Webhooks and triggers now run it.`);
    return result;
  }
  return { deployChanges, pending: mutation.isPending };
}
