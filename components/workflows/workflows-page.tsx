'use client';

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useEffect, useId, useRef, useState } from 'react';
import { roleAtLeast } from '@/components/auth/roles';
import { useAccount } from '@/components/auth/use-account';
import { useTRPC } from '@/components/trpc';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { errorMessage } from '@/components/ui/errors';
import { Select } from '@/components/ui/field';
import { CloseIcon, PlusIcon, WorkflowIllustration } from '@/components/ui/icons';
import { PagedRows, usePagedList } from '@/components/ui/paged-list';
import { Pagination, PastLastPage } from '@/components/ui/pagination';
import { QueryError } from '@/components/ui/query-error';
import { ListSearchBox } from '@/components/ui/search-box';
import { TableSkeletonFrame } from '@/components/ui/table-skeleton';
import { ImportWorkflowButton } from './import-workflow';
import { PAGE_SIZES, SORT_OPTIONS, useListParams, type SortKey } from './list-params';
import { TemplateGallery, TemplateProgress, TemplatesLink, useCreateFromTemplate } from './templates-gallery';
import { downloadJson, exportFileName } from './transfer';
import type { WorkflowSummary } from './types';
import { CreateWorkflowDialog, DeleteWorkflowDialog, RenameWorkflowDialog } from './workflow-dialogs';
import { WorkflowTable, type RowAction } from './workflow-table';

interface Notice {
  tone: 'success' | 'error' | 'info';
  text: string;
  /** A workflow the notice is about, offered as "Open". */
  open?: { id: string; name: string };
}

/** The workspace's workflows as the URL asks for them (search, sort, page); the page shown stays while the next loads. */
function useWorkflowList() {
  const trpc = useTRPC();
  const urlParams = useListParams();
  const { q, sort, limit, offset } = urlParams.params;
  const query = useQuery({
    ...trpc.workflows.list.queryOptions({ limit, offset, q: q || undefined, sort }),
    placeholderData: keepPreviousData,
  });
  return usePagedList(urlParams, query, (data) => data.workflows);
}

type WorkflowList = ReturnType<typeof useWorkflowList>;

/** The workflows page: the workspace's workflows, with search, sorting, pages and everything you can do to one. */
export function WorkflowsPage() {
  const list = useWorkflowList();
  const { query } = list;
  const { role, pending: accountPending } = useAccount();
  const canEdit = roleAtLeast(role, 'editor');
  const searchId = useId();

  const [creating, setCreating] = useState(false);
  const [renaming, setRenaming] = useState<WorkflowSummary | null>(null);
  const [deleting, setDeleting] = useState<WorkflowSummary | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const templates = useCreateFromTemplate();

  // A row's menu closes before its action runs, and the menu item that had focus is gone: once any dialog the
  // action opened has closed, give focus back to that row's menu button (or to the search field if the row went).
  const returnFocusTo = useRef<string | null>(null);
  useEffect(() => {
    if (returnFocusTo.current === null || creating || renaming || deleting) return;
    const id = returnFocusTo.current;
    returnFocusTo.current = null;
    const menuButton = document.querySelector<HTMLElement>(`[data-actions-for="${CSS.escape(id)}"] button[aria-haspopup="menu"]`);
    (menuButton ?? document.getElementById(searchId))?.focus();
  });

  const { busyId, onRowAction } = useRowActions({
    onStart: (workflow) => {
      returnFocusTo.current = workflow.id;
      setNotice(null);
    },
    setNotice,
    setRenaming,
    setDeleting,
  });

  const workspaceIsEmpty = list.loaded && list.total === 0 && list.urlParams.params.q === '';
  const editActionsReady = canEdit && !accountPending;

  return (
    <div className="mx-auto w-full max-w-screen-xl px-4 py-8">
      <PageHeader
        canEdit={editActionsReady}
        showTemplates={query.data !== undefined && !workspaceIsEmpty}
        onImported={(workflow) => setNotice({ tone: 'success', text: `Imported “${workflow.name}”.`, open: { id: workflow.id, name: workflow.name } })}
        onCreate={() => setCreating(true)}
      />

      <div className="space-y-4">
        <TemplateProgress templates={templates} />
        {notice && <NoticeBar notice={notice} onDismiss={() => setNotice(null)} />}

        {query.isPending || (workspaceIsEmpty && accountPending) ? (
          <ListSkeleton />
        ) : query.isError && !query.data ? (
          <QueryError title="Could not load the workflows" error={query.error} onRetry={() => query.refetch()} />
        ) : workspaceIsEmpty ? (
          <FirstWorkflow canEdit={editActionsReady} onCreate={() => setCreating(true)} templates={templates} />
        ) : (
          <ListResults list={list} searchId={searchId} canEdit={canEdit} busyId={busyId} onAction={onRowAction} />
        )}
      </div>

      <CreateWorkflowDialog open={creating} onClose={() => setCreating(false)} />
      <RenameWorkflowDialog
        workflow={renaming}
        onClose={() => setRenaming(null)}
        onRenamed={(workflow) => {
          setRenaming(null);
          setNotice({ tone: 'success', text: `Saved “${workflow.name}”.` });
        }}
      />
      <DeleteWorkflowDialog
        workflow={deleting}
        onClose={() => setDeleting(null)}
        onDeleted={(workflow) => setNotice({ tone: 'success', text: `Deleted “${workflow.name}”.` })}
      />
    </div>
  );
}

/** The title, and for editors the ways to add a workflow: import, from a template, or blank. */
function PageHeader({
  canEdit,
  showTemplates,
  onImported,
  onCreate,
}: {
  canEdit: boolean;
  showTemplates: boolean;
  onImported: (workflow: { id: string; name: string }) => void;
  onCreate: () => void;
}) {
  return (
    <div className="mb-6 flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between">
      <div className="min-w-0">
        <PageTitle />
      </div>
      {canEdit && (
        <div className="flex flex-wrap items-center gap-2">
          <ImportWorkflowButton onImported={onImported} />
          {showTemplates && <TemplatesLink />}
          <NewWorkflowButton onClick={onCreate} />
        </div>
      )}
    </div>
  );
}

function NewWorkflowButton({ onClick }: { onClick: () => void }) {
  return (
    <Button variant="primary" onClick={onClick}>
      <PlusIcon />
      New workflow
    </Button>
  );
}

/** What a row's menu does: rename and delete open their dialogs; export and duplicate run here, the row busy meanwhile. */
function useRowActions({
  onStart,
  setNotice,
  setRenaming,
  setDeleting,
}: {
  onStart: (workflow: WorkflowSummary) => void;
  setNotice: (notice: Notice | null) => void;
  setRenaming: (workflow: WorkflowSummary) => void;
  setDeleting: (workflow: WorkflowSummary) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [busyId, setBusyId] = useState<string | null>(null);
  const duplicate = useMutation(trpc.workflows.duplicate.mutationOptions());

  async function exportWorkflow(workflow: WorkflowSummary) {
    setBusyId(workflow.id);
    try {
      const exported = await queryClient.fetchQuery({ ...trpc.workflows.export.queryOptions({ id: workflow.id }), staleTime: 0 });
      downloadJson(exportFileName(workflow.name), exported);
      setNotice({ tone: 'success', text: `Exported “${workflow.name}” as ${exportFileName(workflow.name)}.` });
    } catch (error) {
      setNotice({ tone: 'error', text: `Could not export “${workflow.name}”: ${errorMessage(error)}` });
    } finally {
      setBusyId(null);
    }
  }

  function onRowAction(action: RowAction, workflow: WorkflowSummary) {
    onStart(workflow);
    if (action === 'rename') setRenaming(workflow);
    else if (action === 'delete') setDeleting(workflow);
    else if (action === 'export') void exportWorkflow(workflow);
    else if (action === 'duplicate') {
      setBusyId(workflow.id);
      duplicate.mutate(
        { id: workflow.id },
        {
          onSuccess: async (copy) => {
            await queryClient.invalidateQueries(trpc.workflows.list.pathFilter());
            setNotice({ tone: 'success', text: `Created “${copy.name}”, a copy of “${workflow.name}”.`, open: { id: copy.id, name: copy.name } });
          },
          onError: (error) => setNotice({ tone: 'error', text: `Could not duplicate “${workflow.name}”: ${errorMessage(error)}` }),
          onSettled: () => setBusyId(null),
        },
      );
    }
  }

  return { busyId, onRowAction };
}

/** The list once loaded: search and sort, a refresh error, the rows (or why there are none) and the pages. */
function ListResults({
  list,
  searchId,
  canEdit,
  busyId,
  onAction,
}: {
  list: WorkflowList;
  searchId: string;
  canEdit: boolean;
  busyId: string | null;
  onAction: (action: RowAction, workflow: WorkflowSummary) => void;
}) {
  const { query, urlParams: { params: { q, sort }, setParams } } = list;
  return (
  <>
    <Toolbar list={list} searchId={searchId} />
    {query.isError && (
      <Alert tone="error" title="Could not refresh the list" action={<Button size="sm" onClick={() => query.refetch()}>Try again</Button>}>
        {errorMessage(query.error)}
      </Alert>
    )}
    {list.rows.length === 0 ? (
      q ? (
        <EmptyState
          title={`No workflows match “${q}”`}
          description="Search looks at workflow names. Try fewer letters, or clear the search to see them all."
          action={<Button onClick={() => setParams({ q: '', offset: 0 })}>Clear search</Button>}
        />
      ) : (
        <PastLastPage list={list} />
      )
    ) : (
      <PagedRows list={list}>
        <WorkflowTable workflows={list.rows} sort={sort} canEdit={canEdit} busyId={busyId} onAction={onAction} />
      </PagedRows>
    )}
    {list.total > 0 && <Pagination list={list} pageSizes={PAGE_SIZES} noun={['workflow', 'workflows']} announce />}
  </>
  );
}

function DismissButton({ onClick }: { onClick: () => void }) {
  return (
    <button
      type="button"
      onClick={onClick}
      aria-label="Dismiss"
      className="-m-1 rounded p-1 opacity-70 hover:opacity-100 focus-visible:outline-2 focus-visible:outline-indigo-500"
    >
      <CloseIcon />
    </button>
  );
}

function NoticeBar({ notice, onDismiss }: { notice: Notice; onDismiss: () => void }) {
  return (
    <Alert
      tone={notice.tone}
      action={
        <span className="flex shrink-0 items-center gap-3">
          {notice.open && (
            <Link href={`/workflows/${notice.open.id}`} className="text-sm font-medium underline underline-offset-2 hover:no-underline">
              Open <span className="sr-only">{notice.open.name}</span>
            </Link>
          )}
          <DismissButton onClick={onDismiss} />
        </span>
      }
    >
      {notice.text}
    </Alert>
  );
}

/** The first-run page: what a workflow is, the blank start, and ready-made ones. */
function FirstWorkflow({ canEdit, onCreate, templates }: { canEdit: boolean; onCreate: () => void; templates: ReturnType<typeof useCreateFromTemplate> }) {
  if (!canEdit) {
    return (
      <EmptyState
        title="No workflows yet"
        description="Editors and owners of this workspace create workflows; they will appear here as soon as there is one."
      />
    );
  }
  return (
    <section aria-labelledby="first-workflow-title" className="rounded-xl border border-dashed border-zinc-300 bg-white px-6 py-10 dark:border-zinc-700 dark:bg-zinc-900/60">
      <div className="mx-auto flex max-w-xl flex-col items-center text-center">
        <WorkflowIllustration />
        <h2 id="first-workflow-title" className="mt-4 text-lg font-semibold tracking-tight">
          Create your first workflow
        </h2>
        <p className="mt-1.5 text-sm text-zinc-600 dark:text-zinc-400">
          A workflow connects blocks — an input, language models, code, HTTP calls, conditions — and returns an output. Start from a blank canvas, or
          pick a template that works right away.
        </p>
        <div className="mt-5">
          <NewWorkflowButton onClick={onCreate} />
        </div>
      </div>
      <div className="mx-auto mt-10 max-w-6xl">
        <h3 className="mb-3 text-xs font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">Or start from a template</h3>
        <TemplateGallery onStart={templates.start} pending={templates.pending} />
      </div>
    </section>
  );
}

function Toolbar({ list, searchId }: { list: WorkflowList; searchId: string }) {
  const { params, setParams } = list.urlParams;
  return (
    <div className="flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between">
      <ListSearchBox id={searchId} list={list} label="Search workflows" placeholder="Search by name…" className="sm:max-w-xs" />
      <label className="flex items-center gap-2 text-sm whitespace-nowrap text-zinc-600 dark:text-zinc-400">
        Sort by
        <Select
          value={params.sort}
          onChange={(event) => setParams({ sort: event.target.value as SortKey })}
          options={SORT_OPTIONS}
          className="h-9 text-sm"
        />
      </label>
    </div>
  );
}

function ListSkeleton() {
  return (
    <TableSkeletonFrame
      label="Loading workflows…"
      rows={4}
      rowClassName="flex items-center gap-6 px-4 py-4"
      row={
        <>
          <div className="flex-1 space-y-2">
            <div className="h-3.5 w-48 animate-pulse rounded bg-zinc-200 dark:bg-zinc-800" />
            <div className="h-3 w-72 max-w-full animate-pulse rounded bg-zinc-100 dark:bg-zinc-800/60" />
          </div>
          <div className="hidden h-5 w-16 animate-pulse rounded-full bg-zinc-100 sm:block dark:bg-zinc-800" />
          <div className="hidden h-3.5 w-20 animate-pulse rounded bg-zinc-100 md:block dark:bg-zinc-800" />
          <div className="h-3.5 w-16 animate-pulse rounded bg-zinc-100 dark:bg-zinc-800" />
        </>
      }
    />
  );
}

/** What shows while the page's client code starts (the URL's search parameters are read on the client). */
export function WorkflowsPageFallback() {
  return (
    <div className="mx-auto w-full max-w-screen-xl px-4 py-8">
      <div className="mb-6">
        <PageTitle />
      </div>
      <ListSkeleton />
    </div>
  );
}

/** The page's heading and what it is for, the same while loading and loaded. */
function PageTitle() {
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">Workflows</h1>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">Build automations on a canvas, run them, and deploy them as an API or webhook.</p>
    </>
  );
}
