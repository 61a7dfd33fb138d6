'use client';

import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { toGraph } from '@/components/editor/graph';
import { useEditorStore } from '@/components/editor/store';
import type { Graph } from '@/components/editor/types';
import { useTRPC } from '@/components/trpc';
import { diffGraphs } from './diff';

// One version of a workflow (immutable, so cached for good) and, on demand, how the draft on screen differs from it.

export function useVersion(workflowId: string, version: number) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.deployments.version.queryOptions({ workflow_id: workflowId, version }), staleTime: Infinity });
}

/** The draft as on screen, recomputed when the graph changes (not when the selection does). */
function draftAtRevision(revision: number): Graph & { revision: number } {
  return { ...toGraph(useEditorStore.getState()), revision };
}

export function useDraftGraph(): Graph {
  const revision = useEditorStore((state) => state.revision);
  const workflowId = useEditorStore((state) => state.workflowId);
  return useMemo(() => (workflowId === null ? { blocks: [], edges: [] } : draftAtRevision(revision)), [revision, workflowId]);
}

export function useVersionDiff(workflowId: string, version: number) {
  const query = useVersion(workflowId, version);
  const draft = useDraftGraph();
  const diff = useMemo(() => (query.data ? diffGraphs(query.data, draft) : null), [query.data, draft]);
  return { query, diff };
}
