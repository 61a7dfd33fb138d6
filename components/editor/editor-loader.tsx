'use client';

import dynamic from 'next/dynamic';
import { Loading } from '@/components/ui/spinner';

// The editor is a browser-only application (canvas measurements, EventSource, localStorage): it is not rendered
// on the server, and its code loads as its own chunk.
const WorkflowEditor = dynamic(() => import('./workflow-editor').then((module) => module.WorkflowEditor), {
  ssr: false,
  loading: () => (
    <div className="grid flex-1 place-items-center">
      <Loading label="Opening the editor…" />
    </div>
  ),
});

export function EditorLoader({ workflowId }: { workflowId: string }) {
  return <WorkflowEditor workflowId={workflowId} />;
}
