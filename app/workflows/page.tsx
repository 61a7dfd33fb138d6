import type { Metadata } from 'next';
import { Suspense } from 'react';
import { WorkflowsPage, WorkflowsPageFallback } from '@/components/workflows/workflows-page';

export const metadata: Metadata = { title: 'Workflows' };

export default function Page() {
  return (
    <Suspense fallback={<WorkflowsPageFallback />}>
      <WorkflowsPage />
    </Suspense>
  );
}
