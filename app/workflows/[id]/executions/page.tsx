import type { Metadata } from 'next';
import { Suspense } from 'react';
import { TableSkeleton } from '@/components/executions/executions-list';
import { WorkflowExecutionsPage } from '@/components/executions/history-pages';

export const metadata: Metadata = { title: 'Executions' };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <Suspense
      fallback={
        <div className="mx-auto w-full max-w-screen-2xl px-4 py-8">
          <TableSkeleton showWorkflow={false} />
        </div>
      }
    >
      <WorkflowExecutionsPage key={id} workflowId={id} />
    </Suspense>
  );
}
