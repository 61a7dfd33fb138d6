'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { roleAtLeast } from '@/components/auth/roles';
import { useAccount } from '@/components/auth/use-account';
import { useTRPC } from '@/components/trpc';
import { Alert } from '@/components/ui/alert';
import { Button, buttonClasses } from '@/components/ui/button';
import { useConfirmDialog } from '@/components/ui/dialog';
import { Breadcrumb, isNotFound, LoadFailedAlert } from './page-parts';
import { ExecutionsList, TableSkeleton } from './executions-list';
import { Icon } from '@/components/ui/icons';

/** `/executions`: every execution of the workspace. */
export function WorkspaceExecutionsPage() {
  return (
    <div className="mx-auto w-full max-w-screen-2xl px-4 py-8">
      <PageHeading title="Executions" description="Every run of every workflow in this workspace: what ran, when, with what input, and why it failed." />
      <ExecutionsList
        emptyAction={
          <Link href="/workflows" className={buttonClasses('secondary')}>
            Go to workflows
          </Link>
        }
      />
    </div>
  );
}

/** `/workflows/[id]/executions`: one workflow's executions, with a way back to its editor. */
export function WorkflowExecutionsPage({ workflowId }: { workflowId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const workflow = useQuery(trpc.workflows.get.queryOptions({ id: workflowId }));
  const { role } = useAccount();
  const canEdit = roleAtLeast(role, 'editor');
  const [notice, setNotice] = useState<string | null>(null);
  const deleteAll = useMutation(trpc.executions.deleteAll.mutationOptions());
  const editorHref = `/workflows/${encodeURIComponent(workflowId)}`;
  const name = workflow.data?.name;
  const confirmDeleteAll = useConfirmDialog({
    title: 'Delete all executions?',
    description: (
      <>
        Every finished execution of <strong className="font-medium text-zinc-900 dark:text-zinc-100">{name ?? 'this workflow'}</strong> goes, with its
        block logs. Executions still running are kept. This cannot be undone.
      </>
    ),
    confirmLabel: 'Delete all executions',
    onConfirm: async () => {
      const { deleted } = await deleteAll.mutateAsync({ workflow_id: workflowId });
      await queryClient.invalidateQueries(trpc.executions.search.pathFilter());
      setNotice(deleted === 0 ? 'There were no finished executions to delete.' : `Deleted ${deleted.toLocaleString()} ${deleted === 1 ? 'execution' : 'executions'}.`);
    },
  });

  if (workflow.isError) {
    const missing = isNotFound(workflow.error);
    return (
      <div className="mx-auto w-full max-w-screen-2xl px-4 py-8">
        <PageHeading title={missing ? 'Workflow not found' : 'Executions'} />
        <LoadFailedAlert
          what="workflow"
          error={workflow.error}
          missing={missing ? { title: 'There is no such workflow in this workspace', explanation: 'It may have been deleted, or it belongs to another workspace.', backHref: '/workflows', backLabel: 'All workflows' } : null}
          onRetry={() => workflow.refetch()}
        />
      </div>
    );
  }

  return (
    <div className="mx-auto w-full max-w-screen-2xl px-4 py-8">
      <Breadcrumb root={{ href: '/workflows', label: 'Workflows' }} parent={name ? { href: editorHref, label: name } : null} current="Executions" currentClassName="text-zinc-700 dark:text-zinc-300" />
      <div className="mb-6 flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between">
        <div className="min-w-0">
          <h1 className="truncate text-2xl font-semibold tracking-tight">
            {name ?? <span className="inline-block h-7 w-64 animate-pulse rounded bg-zinc-200 align-middle dark:bg-zinc-800" aria-label="Loading" />}
          </h1>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">Executions of this workflow, newest first. Open one to see each block’s input, output, logs and timing.</p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <Link href={editorHref} className={buttonClasses('secondary')}>
            <Icon name="pencil" className="shrink-0 h-4 w-4" />
            Open editor
          </Link>
          {canEdit && (
            <Button variant="secondary" onClick={confirmDeleteAll.show} className="text-red-700 dark:text-red-400">
              <Icon name="trash" className="shrink-0 h-4 w-4" />
              Delete all executions
            </Button>
          )}
        </div>
      </div>
      {notice && (
        <div className="mb-4">
          <Alert
            tone="success"
            action={
              <button type="button" onClick={() => setNotice(null)} aria-label="Dismiss" className="-m-1 rounded p-1 opacity-70 hover:opacity-100 focus-visible:outline-2 focus-visible:outline-indigo-500">
                <Icon name="x" className="shrink-0 h-4 w-4" />
              </button>
            }
          >
            {notice}
          </Alert>
        </div>
      )}
      {workflow.isPending ? (
        <TableSkeleton showWorkflow={false} />
      ) : (
        <ExecutionsList
          workflowId={workflowId}
          emptyAction={
            <Link href={editorHref} className={buttonClasses('primary')}>
              Open the editor to run it
            </Link>
          }
        />
      )}
      {confirmDeleteAll.dialog}
    </div>
  );
}

function PageHeading({ title, description }: { title: string; description?: string }) {
  return (
    <div className="mb-6">
      <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
      {description && <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{description}</p>}
    </div>
  );
}
