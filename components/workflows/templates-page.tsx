'use client';

import Link from 'next/link';
import { roleAtLeast } from '@/components/auth/roles';
import { useAccount } from '@/components/auth/use-account';
import { Alert } from '@/components/ui/alert';
import { TemplateGallery, TemplateProgress, useCreateFromTemplate } from './templates-gallery';

/** The templates gallery as a page of its own, reached from "From template" on the workflows page. */
export function TemplatesPage() {
  const { role, pending: accountPending } = useAccount();
  const canEdit = roleAtLeast(role, 'editor');
  const templates = useCreateFromTemplate();
  return (
    <div className="mx-auto w-full max-w-screen-xl px-4 py-8">
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/workflows" className="text-indigo-700 hover:underline dark:text-indigo-300">
          Workflows
        </Link>
      </nav>
      <h1 className="text-2xl font-semibold tracking-tight">Templates</h1>
      <p className="mt-1 mb-6 text-sm text-zinc-600 dark:text-zinc-400">
        Complete workflows that run as they are: pick one, then change its prompts, URLs and schedule in the editor.
      </p>
      <div className="space-y-4">
        {!accountPending && !canEdit && <Alert tone="info">Editors and owners of this workspace can create workflows from templates.</Alert>}
        <TemplateProgress templates={templates} />
        <TemplateGallery onStart={templates.start} pending={templates.pending} canUse={canEdit && !accountPending && !templates.created} />
      </div>
    </div>
  );
}
