import type { Metadata } from 'next';
import { Suspense } from 'react';
import { TableSkeleton } from '@/components/executions/executions-list';
import { WorkspaceExecutionsPage } from '@/components/executions/history-pages';

export const metadata: Metadata = { title: 'Executions' };

export default function Page() {
  return (
    <Suspense
      fallback={
        <div className="mx-auto w-full max-w-screen-2xl px-4 py-8">
          <h1 className="mb-6 text-2xl font-semibold tracking-tight">Executions</h1>
          <TableSkeleton />
        </div>
      }
    >
      <WorkspaceExecutionsPage />
    </Suspense>
  );
}
