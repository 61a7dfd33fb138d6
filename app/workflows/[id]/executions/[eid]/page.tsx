import type { Metadata } from 'next';
import { Suspense } from 'react';
import { DetailSkeleton, ExecutionDetailPage } from '@/components/executions/execution-detail';

export const metadata: Metadata = { title: 'Execution' };

export default async function Page({ params }: { params: Promise<{ id: string; eid: string }> }) {
  const { id, eid } = await params;
  return (
    <Suspense fallback={<DetailSkeleton />}>
      {/* Keyed by the execution: a re-run opens a fresh page, with nothing of the previous stream. */}
      <ExecutionDetailPage key={eid} workflowId={id} executionId={eid} />
    </Suspense>
  );
}
