import type { Metadata } from 'next';
import { EditorLoader } from '@/components/editor/editor-loader';

export const metadata: Metadata = { title: 'Editor' };

/** The workflow editor: full height under the app header (the workflows layout has already checked the session). */
export default async function WorkflowEditorPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <EditorLoader workflowId={id} />;
}
