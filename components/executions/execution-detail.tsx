'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ReactFlowProvider } from '@xyflow/react';
import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { roleAtLeast } from '@/components/auth/roles';
import { useAccount } from '@/components/auth/use-account';
import { useTRPC } from '@/components/trpc';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { CopyButton } from '@/components/ui/copy-button';
import { useConfirmDialog } from '@/components/ui/dialog';
import { errorMessage } from '@/components/ui/errors';
import { Breadcrumb, isNotFound, LoadFailedAlert } from './page-parts';
import { Spinner } from '@/components/ui/spinner';
import { formatDateTime, Time } from '@/components/ui/time';
import { BlockPanel } from './block-panel';
import { executionHref } from './executions-list';
import { executionTriggerLabels, isActive, isUnfinished, type ExecutionStatus } from '@/lib/execution-states';
import { ApprovalActions } from './approval-actions';
import { endedStatus, type RunError } from '@/components/run-events/run-state';
import type { StreamConnection } from '@/components/run-events/use-run-stream';
import { BLOCK_STATUS_LABEL, type BlockStatus } from '@/components/run-events/block-statuses';
import { COST_UNKNOWN_HELP, curlCommand, formatCost, formatDuration, NUMBER, queueLabel, shortId, STATUS_LABEL, versionLabel } from './format';
import { GraphView } from './graph-view';
import { useNow } from './hooks';
import { Icon } from '@/components/ui/icons';
import { JsonViewer } from './json-viewer';
import { buildRunModel, type RunModel } from './run-model';
import { ExecutionStatusBadge, LivePulse } from './status';
import { RerunDialog } from './rerun-dialog';
import { Timeline } from './timeline';
import type { CatalogBlock, ExecutionDetail, RanGraph } from './types';
import { useLiveRun } from './use-live-run';

/** While an execution runs, the record is also polled: the stream is the fast path, this the safety net. */
const ACTIVE_POLL_MS = 5_000;
const EMPTY_CATALOG = new Map<string, CatalogBlock>();

const noSubscription = () => () => {};
function useOrigin(): string {
  return useSyncExternalStore(
    noSubscription,
    () => window.location.origin,
    () => '',
  );
}

/** Refetching as the stream reports progress: the logs shortly after blocks settle (batched), everything once the run ends. */
function useRefreshers(workflowId: string, executionId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const ref = { workflow_id: workflowId, execution_id: executionId };

  const logsRefetch = useRef<ReturnType<typeof setTimeout> | null>(null);
  const refreshLogsSoon = useCallback(() => {
    if (logsRefetch.current) return;
    logsRefetch.current = setTimeout(() => {
      logsRefetch.current = null;
      void queryClient.invalidateQueries({ queryKey: trpc.executions.logs.queryKey(ref) });
    }, 300);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the ids are the identity of this page
  }, [queryClient, trpc, workflowId, executionId]);
  useEffect(() => () => {
    if (logsRefetch.current) clearTimeout(logsRefetch.current);
  }, []);

  const refreshAll = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: trpc.executions.get.queryKey(ref) });
    void queryClient.invalidateQueries({ queryKey: trpc.executions.logs.queryKey(ref) });
    void queryClient.invalidateQueries(trpc.executions.search.pathFilter());
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the ids are the identity of this page
  }, [queryClient, trpc, workflowId, executionId]);
  return { refreshLogsSoon, refreshAll };
}

/** The block picked on the graph or timeline lives in the URL (`?block=`), so a reload keeps it; Escape clears it. */
function useBlockSelection(model: RunModel | null) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const selectedParam = searchParams.get('block');
  const selected = selectedParam && model?.byId.has(selectedParam) ? model.byId.get(selectedParam)! : null;
  const select = useCallback(
    (id: string | null) => {
      const search = new URLSearchParams(window.location.search);
      if (id) search.set('block', id);
      else search.delete('block');
      const text = search.toString();
      router.replace(`${pathname}${text ? `?${text}` : ''}`, { scroll: false });
    },
    [pathname, router],
  );

  useEffect(() => {
    if (!selectedParam) return;
    const onKeyDown = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (event.key !== 'Escape' || event.defaultPrevented || target?.closest('input, textarea, select, dialog, [role="menu"]')) return;
      select(null);
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [selectedParam, select]);
  return { selected, select };
}

/** `/workflows/[id]/executions/[eid]`: one execution, live while it runs. */
export function ExecutionDetailPage({ workflowId, executionId }: { workflowId: string; executionId: string }) {
  const trpc = useTRPC();
  const ref = { workflow_id: workflowId, execution_id: executionId };

  const executionQuery = useQuery({
    ...trpc.executions.get.queryOptions(ref),
    refetchInterval: (query) => (isActive(query.state.data?.status) ? ACTIVE_POLL_MS : false),
  });
  const logsQuery = useQuery(trpc.executions.logs.queryOptions(ref));
  const catalogQuery = useQuery({ ...trpc.blocks.catalog.queryOptions(), staleTime: Infinity });
  const workflowQuery = useQuery(trpc.workflows.get.queryOptions({ id: workflowId }));
  const execution = executionQuery.data as ExecutionDetail | undefined;

  // The graph as it ran comes with the execution; for records without it, the deployed version of that number,
  // else the workflow as it is now (which may have changed since).
  const versionQuery = useQuery({
    ...trpc.deployments.version.queryOptions({ workflow_id: workflowId, version: execution?.version ?? 1 }),
    enabled: execution !== undefined && !execution.graph,
    retry: false,
  });
  const graph: RanGraph | null = execution?.graph ?? versionQuery.data ?? (versionQuery.isError ? (workflowQuery.data ?? null) : null);
  const graphIsCurrentDraft = !execution?.graph && !versionQuery.data && versionQuery.isError && Boolean(workflowQuery.data);

  const active = isActive(execution?.status);

  const { refreshLogsSoon, refreshAll } = useRefreshers(workflowId, executionId);
  const { live, connection } = useLiveRun(workflowId, executionId, active, { onBlockSettled: refreshLogsSoon, onEnd: refreshAll });

  // An execution seen running that the poll finds ended: read its final logs.
  const wasActive = useRef(active);
  useEffect(() => {
    if (wasActive.current && !active) refreshAll();
    wasActive.current = active;
  }, [active, refreshAll]);

  const liveEnd = endedStatus(live);
  const ended = execution ? !active || liveEnd !== null : false;
  const status: ExecutionStatus | undefined = execution ? (active && liveEnd ? liveEnd : execution.status) : undefined;
  const now = useNow(250, active && !liveEnd);

  const catalog = useMemo(() => {
    const blocks = catalogQuery.data?.blocks;
    return blocks ? new Map(blocks.map((block) => [block.type, block])) : EMPTY_CATALOG;
  }, [catalogQuery.data]);

  const model = useMemo<RunModel | null>(() => {
    if (!execution) return null;
    return buildRunModel({ execution, graph, logs: logsQuery.data?.block_logs ?? [], live, catalog, ended, now: ended ? 0 : now });
  }, [execution, graph, logsQuery.data, live, catalog, ended, now]);
  const { selected, select } = useBlockSelection(model);

  if (executionQuery.isError && !execution) {
    const missing = isNotFound(executionQuery.error);
    return (
      <PageFrame>
        <h1 className="mb-4 text-2xl font-semibold tracking-tight">{missing ? 'Execution not found' : 'Execution'}</h1>
        <LoadFailedAlert
          what="execution"
          error={executionQuery.error}
          missing={missing ? { title: 'There is no such execution of this workflow', explanation: 'It may have been deleted (executions are kept for a limited time), or it belongs to another workspace.', backHref: `/workflows/${encodeURIComponent(workflowId)}/executions`, backLabel: 'All executions' } : null}
          onRetry={() => executionQuery.refetch()}
        />
      </PageFrame>
    );
  }

  if (!execution || !model || !status) return <DetailSkeleton />;

  return (
    <PageFrame>
      <Header
        execution={execution}
        status={status}
        workflowId={workflowId}
        workflowName={workflowQuery.data?.name ?? null}
        connection={active ? connection : 'idle'}
        durationMs={active && !liveEnd ? now - model.startedAt : (execution.duration_ms ?? live.durationMs ?? null)}
      />

      <Outcome execution={execution} status={status} live={live.error} model={model} onShowBlock={select} />

      <div className="mt-5 grid gap-4 xl:grid-cols-[minmax(0,1fr)_minmax(380px,460px)]">
        <div className="min-w-0 space-y-4">
          <GraphCard
            graph={graph}
            isCurrentDraft={graphIsCurrentDraft}
            loading={versionQuery.isPending || workflowQuery.isPending}
            model={model}
            catalog={catalog}
            selectedId={selected?.id ?? null}
            onSelect={select}
          />
          <TimelineCard logsQuery={logsQuery} model={model} selectedId={selected?.id ?? null} onSelect={select} />
        </div>
        <aside aria-label={selected ? `Block ${selected.name}` : 'Execution details'} className="min-w-0">
          <div className="rounded-xl border border-zinc-200 bg-white p-4 shadow-sm xl:sticky xl:top-20 xl:max-h-[calc(100vh-6rem)] xl:overflow-auto dark:border-zinc-800 dark:bg-zinc-900">
            {selected ? (
              <BlockPanel key={selected.id} block={selected} executionStartedAt={model.startedAt} onClose={() => select(null)} />
            ) : (
              <Overview execution={execution} status={status} model={model} onSelect={select} />
            )}
          </div>
        </aside>
      </div>
    </PageFrame>
  );
}

/** What the graph and the timeline both show: the run, and which block is picked. */
interface RunViewProps {
  model: RunModel;
  selectedId: string | null;
  onSelect: (id: string | null) => void;
}

/** The graph as it ran, coloured by what each block did. */
function GraphCard({ graph, isCurrentDraft, loading, catalog, ...view }: RunViewProps & { graph: RanGraph | null; isCurrentDraft: boolean; loading: boolean; catalog: Map<string, CatalogBlock> }) {
  return (
    <Card
      title="Graph"
      aside={
        isCurrentDraft ? (
          <span className="text-xs text-amber-700 dark:text-amber-400">The graph that ran was not kept: showing the workflow as it is now</span>
        ) : (
          <Legend />
        )
      }
    >
      <div className="h-[380px] border-t border-zinc-100 dark:border-zinc-800" data-testid="execution-graph">
        {graph ? (
          graph.blocks.length > 0 ? (
            <ReactFlowProvider>
              <GraphView graph={graph} catalog={catalog} {...view} />
            </ReactFlowProvider>
          ) : (
            <p className="grid h-full place-items-center text-sm text-zinc-500">This execution’s graph has no blocks.</p>
          )
        ) : loading ? (
          <div className="grid h-full place-items-center text-sm text-zinc-500">
            <span className="flex items-center gap-2">
              <Spinner /> Loading the graph…
            </span>
          </div>
        ) : (
          <p className="grid h-full place-items-center text-sm text-zinc-500">The graph of this execution is not available.</p>
        )}
      </div>
    </Card>
  );
}

/** When each block started and how long it took. */
function TimelineCard({ logsQuery, model, selectedId, onSelect }: RunViewProps & { logsQuery: { isPending: boolean; isError: boolean; error: unknown; refetch: () => unknown } }) {
  return (
    <Card
      title="Timeline"
      aside={
        <span className="text-xs text-zinc-500 tabular-nums dark:text-zinc-400">
          {model.blocks.filter((block) => block.startMs !== null).length} of {model.blocks.length} blocks ran · {formatDuration(model.totalMs)}
        </span>
      }
    >
      <div className="border-t border-zinc-100 px-3 py-3 dark:border-zinc-800">
        {logsQuery.isPending && model.blocks.every((block) => block.status === 'pending' || block.status === 'not_reached') ? (
          <TimelineSkeleton />
        ) : logsQuery.isError ? (
          <Alert tone="error" title="Could not load the block logs" action={<Button size="sm" onClick={() => logsQuery.refetch()}>Try again</Button>}>
            {errorMessage(logsQuery.error)}
          </Alert>
        ) : model.blocks.length === 0 ? (
          <p className="py-4 text-center text-sm text-zinc-500">No blocks ran.</p>
        ) : (
          <Timeline model={model} selectedId={selectedId} onSelect={onSelect} />
        )}
      </div>
    </Card>
  );
}

function PageFrame({ children }: { children: ReactNode }) {
  return <div className="mx-auto w-full max-w-screen-2xl px-4 py-6">{children}</div>;
}

function Card({ title, aside, children }: { title: string; aside?: ReactNode; children: ReactNode }) {
  return (
    <section aria-label={title} className="overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
      <div className="flex flex-wrap items-center justify-between gap-2 px-4 py-2.5">
        <h2 className="text-sm font-semibold">{title}</h2>
        {aside}
      </div>
      {children}
    </section>
  );
}

const LEGEND: Array<[BlockStatus, string]> = [
  ['success', 'bg-emerald-500'],
  ['error', 'bg-red-500'],
  ['running', 'bg-indigo-500'],
  ['cancelled', 'bg-amber-400'],
  ['skipped', 'bg-zinc-300 dark:bg-zinc-600'],
  ['not_reached', 'border border-zinc-300 bg-zinc-100 dark:border-zinc-600 dark:bg-zinc-800'],
];

function Legend() {
  return (
    <ul aria-label="Colours" className="hidden flex-wrap items-center gap-x-3 gap-y-1 text-[11px] text-zinc-500 sm:flex dark:text-zinc-400">
      {LEGEND.map(([status, swatch]) => (
        <li key={status} className="flex items-center gap-1">
          <span aria-hidden className={`h-2.5 w-2.5 rounded-sm ${swatch}`} />
          {BLOCK_STATUS_LABEL[status]}
        </li>
      ))}
    </ul>
  );
}

function ConnectionState({ connection }: { connection: StreamConnection }) {
  if (connection === 'idle' || connection === 'ended') return null;
  if (connection === 'live') {
    return (
      <span role="status" className="inline-flex items-center gap-1.5 text-xs font-medium text-emerald-700 dark:text-emerald-400">
        <LivePulse />
        Live
      </span>
    );
  }
  const text = connection === 'connecting' ? 'Connecting…' : connection === 'reconnecting' ? 'Reconnecting…' : 'Live updates lost; refreshing every few seconds';
  return (
    <span role="status" data-testid="stream-connection" className={`inline-flex items-center gap-1.5 text-xs font-medium ${connection === 'connecting' ? 'text-zinc-500' : 'text-amber-700 dark:text-amber-400'}`}>
      <Spinner className="h-3 w-3" />
      {text}
    </span>
  );
}

function Header({
  execution,
  status,
  workflowId,
  workflowName,
  connection,
  durationMs,
}: {
  execution: ExecutionDetail;
  status: ExecutionStatus;
  workflowId: string;
  workflowName: string | null;
  connection: StreamConnection;
  durationMs: number | null;
}) {
  const [actionError, setActionError] = useState<string | null>(null);
  return (
    <header>
      <Breadcrumb
        root={{ href: '/executions', label: 'Executions' }}
        parent={{ href: `/workflows/${encodeURIComponent(workflowId)}/executions`, label: workflowName ?? 'Workflow' }}
        current={shortId(execution.id)}
        currentClassName="font-mono text-zinc-700 dark:text-zinc-300"
      />
      <div className="flex flex-col gap-3 lg:flex-row lg:items-start lg:justify-between">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-3">
            <h1 className="text-2xl font-semibold tracking-tight">
              Execution <span className="font-mono text-xl text-zinc-500 dark:text-zinc-400">{shortId(execution.id)}</span>
            </h1>
            <ExecutionStatusBadge status={status} />
            <ConnectionState connection={connection} />
          </div>
          <Facts execution={execution} workflowId={workflowId} workflowName={workflowName} durationMs={durationMs} />
        </div>
        <HeaderActions execution={execution} status={status} workflowId={workflowId} onError={setActionError} />
      </div>
      {actionError && (
        <div className="mt-3">
          <Alert tone="error" action={<Button size="sm" variant="ghost" onClick={() => setActionError(null)}>Dismiss</Button>}>
            {actionError}
          </Alert>
        </div>
      )}
    </header>
  );
}

function Fact({ term, children, className, testId }: { term: string; children: ReactNode; className?: string; testId?: string }) {
  return (
    <div className="flex gap-1.5">
      <dt className="text-zinc-500 dark:text-zinc-400">{term}</dt>
      <dd className={className} data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}

const LINK = 'font-mono text-zinc-800 hover:text-indigo-700 hover:underline dark:text-zinc-200 dark:hover:text-indigo-300';

/** The execution this one re-ran, and the executions that re-ran this one, each a link to its page. */
function RerunLinks({ execution, workflowId }: { execution: ExecutionDetail; workflowId: string }) {
  const source = execution.source_execution_id;
  return (
    <>
      {source && (
        <Fact term="Re-run of" testId="rerun-of">
          <Link href={executionHref(workflowId, source)} className={LINK} aria-label={`Execution ${shortId(source)}, which this one re-ran`}>
            #{shortId(source)}
          </Link>
        </Fact>
      )}
      {execution.reruns.length > 0 && (
        <Fact term="Re-runs" testId="reruns">
          <ul className="inline-flex flex-wrap gap-x-2">
            {execution.reruns.map((rerun) => (
              <li key={rerun.id}>
                <Link href={executionHref(workflowId, rerun.id)} className={LINK} title={`${STATUS_LABEL[rerun.status]}, ${formatDateTime(rerun.created_at)}`}>
                  #{shortId(rerun.id)}
                </Link>
              </li>
            ))}
          </ul>
        </Fact>
      )}
    </>
  );
}

/** The execution at a glance: which workflow, how it was started, when, how long, which version, tokens used. */
function Facts({ execution, workflowId, workflowName, durationMs }: { execution: ExecutionDetail; workflowId: string; workflowName: string | null; durationMs: number | null }) {
  const started = execution.started_at ?? execution.created_at;
  return (
    <dl className="mt-2 flex flex-wrap gap-x-5 gap-y-1 text-sm text-zinc-600 dark:text-zinc-400">
      <Fact term="Workflow">
        <Link href={`/workflows/${encodeURIComponent(workflowId)}`} className="font-medium text-zinc-800 hover:text-indigo-700 hover:underline dark:text-zinc-200 dark:hover:text-indigo-300">
          {workflowName ?? '…'}
        </Link>
      </Fact>
      <Fact term="Trigger">{executionTriggerLabels[execution.trigger]}</Fact>
      <Fact term="Started">
        <Time value={started} /> <span className="hidden text-zinc-500 md:inline dark:text-zinc-400">({formatDateTime(started)})</span>
      </Fact>
      {execution.status === 'queued' && (
        <Fact term="Queue" className="tabular-nums" testId="queue-position">
          {queueLabel(execution.queue_position)}
        </Fact>
      )}
      <Fact term="Duration" className="tabular-nums" testId="execution-duration">
        {formatDuration(durationMs)}
      </Fact>
      <Fact term="Version" className="tabular-nums">
        {versionLabel(execution)}
      </Fact>
      <RerunLinks execution={execution} workflowId={workflowId} />
      {execution.usage && (
        <Fact term="Tokens" className="tabular-nums">
          {NUMBER.format(execution.usage.input_tokens)} in · {NUMBER.format(execution.usage.output_tokens)} out
        </Fact>
      )}
      {execution.usage && (
        <Fact term="Cost" className="tabular-nums" testId="execution-cost">
          <span title={execution.cost_usd === null ? COST_UNKNOWN_HELP : `${execution.cost_usd} USD`}>{formatCost(execution.cost_usd)}</span>
        </Fact>
      )}
    </dl>
  );
}

/** Cancel (while it runs), Re-run (with the input edited, on the version that ran or the draft), and the same run as a curl command. */
function HeaderActions({
  execution,
  status,
  workflowId,
  onError,
}: {
  execution: ExecutionDetail;
  status: ExecutionStatus;
  workflowId: string;
  onError: (message: string | null) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const origin = useOrigin();
  const { role } = useAccount();
  const canRun = roleAtLeast(role, 'editor');
  const [rerunOpen, setRerunOpen] = useState(false);
  const cancel = useMutation(trpc.executions.cancel.mutationOptions());
  const confirmCancel = useConfirmDialog({
    title: 'Cancel this execution?',
    description: 'Blocks still running are stopped and the execution ends as cancelled. Blocks that already finished keep their results.',
    confirmLabel: 'Cancel execution',
    onConfirm: async () => {
      await cancel.mutateAsync({ workflow_id: workflowId, execution_id: execution.id });
      await queryClient.invalidateQueries({ queryKey: trpc.executions.get.queryKey({ workflow_id: workflowId, execution_id: execution.id }) });
      await queryClient.invalidateQueries({ queryKey: trpc.executions.logs.queryKey({ workflow_id: workflowId, execution_id: execution.id }) });
    },
  });
  const input = execution.input && typeof execution.input === 'object' && !Array.isArray(execution.input) ? (execution.input as Record<string, never>) : {};

  return (
    <>
      {canRun && status === 'waiting' && <ApprovalActions execution={execution} workflowId={workflowId} onError={onError} />}
      <div className="flex flex-wrap items-center gap-2">
        {canRun && isUnfinished(status) && (
          <Button variant="danger" size="sm" onClick={confirmCancel.show}>
            <Icon name="stop" className="shrink-0 h-3.5 w-3.5" />
            Cancel execution
          </Button>
        )}
        {canRun && (
          <Button size="sm" onClick={() => setRerunOpen(true)} aria-haspopup="dialog" title="Runs this execution again, with its input (which you can edit) on the version that ran or the current draft">
            <Icon name="rerun" className="shrink-0 h-3.5 w-3.5" />
            Re-run
          </Button>
        )}
        <CopyButton value={origin ? curlCommand(origin, workflowId, input) : ''} label="Copy as curl" title="A curl command that runs this workflow with the same input through the REST API" />
      </div>
      {canRun && <RerunDialog open={rerunOpen} onClose={() => setRerunOpen(false)} execution={execution} workflowId={workflowId} />}
      {confirmCancel.dialog}
    </>
  );
}

/** What the execution came to, when it did not simply succeed: the failure (and where) or the cancellation. */
function Outcome({
  execution,
  status,
  live,
  model,
  onShowBlock,
}: {
  execution: ExecutionDetail;
  status: ExecutionStatus;
  live: RunError | null;
  model: RunModel;
  onShowBlock: (id: string) => void;
}) {
  const error = execution.error ?? (live ? { message: live.message, code: live.code, block_id: live.blockId } : null);
  if (status !== 'failed' && status !== 'cancelled') return null;
  const block = error?.block_id ? model.byId.get(error.block_id) : undefined;
  return (
    <div className="mt-4" data-testid="execution-error">
      <Alert
        tone={status === 'failed' ? 'error' : 'warning'}
        title={status === 'cancelled' ? 'Cancelled' : block ? `Failed in “${block.name}”` : 'Failed'}
        action={
          block ? (
            <Button size="sm" onClick={() => onShowBlock(block.id)}>
              Show {block.name}
            </Button>
          ) : undefined
        }
      >
        <span className="break-words whitespace-pre-wrap">{error?.message ?? (status === 'cancelled' ? 'The execution was cancelled.' : 'The execution failed.')}</span>
        {error?.code && (
          <span className="ml-2 text-xs opacity-80">
            (<code className="font-mono">{error.code}</code>)
          </span>
        )}
      </Alert>
    </div>
  );
}

function countByStatus(model: RunModel): Array<[BlockStatus, number]> {
  const counts = new Map<BlockStatus, number>();
  for (const block of model.blocks) counts.set(block.status, (counts.get(block.status) ?? 0) + 1);
  const order: BlockStatus[] = ['success', 'error', 'running', 'cancelled', 'skipped', 'pending', 'not_reached'];
  return order.filter((status) => counts.has(status)).map((status) => [status, counts.get(status)!]);
}

function Overview({ execution, status, model, onSelect }: { execution: ExecutionDetail; status: ExecutionStatus; model: RunModel; onSelect: (id: string) => void }) {
  const failing = execution.error?.block_id ? model.byId.get(execution.error.block_id) : undefined;
  return (
    <div className="space-y-4" data-testid="execution-overview">
      <div>
        <h2 className="text-base font-semibold tracking-tight">Execution</h2>
        <p className="mt-0.5 text-xs text-zinc-500 dark:text-zinc-400">Select a block in the graph or the timeline to see its input, output, console and timing.</p>
      </div>
      <dl className="grid grid-cols-2 gap-x-4 gap-y-3 rounded-lg border border-zinc-200 bg-zinc-50/60 p-3 text-sm dark:border-zinc-800 dark:bg-zinc-900/40">
        <div>
          <dt className="text-[11px] font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-400">Started</dt>
          <dd className="mt-0.5">{formatDateTime(execution.started_at ?? execution.created_at)}</dd>
        </div>
        <div>
          <dt className="text-[11px] font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-400">Completed</dt>
          <dd className="mt-0.5">{execution.completed_at ? formatDateTime(execution.completed_at) : isActive(status) ? 'Still running' : '—'}</dd>
        </div>
        <div className="col-span-2">
          <dt className="text-[11px] font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-400">Blocks</dt>
          <dd className="mt-1 flex flex-wrap gap-x-3 gap-y-1">
            {countByStatus(model).map(([blockStatus, count]) => (
              <span key={blockStatus} className="text-zinc-700 dark:text-zinc-300">
                <span className="font-medium tabular-nums">{count}</span> {BLOCK_STATUS_LABEL[blockStatus].toLowerCase()}
              </span>
            ))}
          </dd>
        </div>
        <div className="col-span-2">
          <dt className="text-[11px] font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-400">Execution ID</dt>
          <dd className="mt-0.5 flex items-center gap-2">
            <code className="truncate font-mono text-xs">{execution.id}</code>
          </dd>
        </div>
      </dl>
      {failing && (
        <button
          type="button"
          onClick={() => onSelect(failing.id)}
          className="flex w-full items-center gap-2 rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-left text-sm text-red-800 hover:bg-red-100 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:border-red-900/60 dark:bg-red-950/40 dark:text-red-200 dark:hover:bg-red-950/70"
        >
          <Icon name="alert" className="shrink-0 h-4 w-4" />
          <span className="min-w-0 flex-1 truncate">
            See the failing block, <span className="font-semibold">{failing.name}</span>
          </span>
          <Icon name="chevron-right" className="shrink-0 h-4 w-4" />
        </button>
      )}
      <JsonViewer label="Input" value={execution.input} testId="execution-input" empty="No input" />
      <JsonViewer
        label="Output"
        value={execution.output}
        testId="execution-output"
        empty={isActive(status) ? 'Not yet: the execution is still running' : status === 'completed' ? 'No output' : 'No output: the execution did not complete'}
      />
    </div>
  );
}

function TimelineSkeleton() {
  return (
    <div aria-hidden className="space-y-2">
      {[0.1, 0.3, 0.25, 0.6].map((left, index) => (
        <div key={index} className="flex items-center gap-3">
          <div className="h-3 w-32 animate-pulse rounded bg-zinc-200 dark:bg-zinc-800" />
          <div className="relative h-3 flex-1">
            <div className="absolute h-3 animate-pulse rounded-sm bg-zinc-100 dark:bg-zinc-800" style={{ left: `${left * 100}%`, width: '25%' }} />
          </div>
        </div>
      ))}
    </div>
  );
}

export function DetailSkeleton() {
  return (
    <PageFrame>
      <span role="status" className="sr-only">
        Loading the execution…
      </span>
      <div aria-hidden>
        <div className="mb-3 h-3.5 w-56 animate-pulse rounded bg-zinc-200 dark:bg-zinc-800" />
        <div className="flex items-center gap-3">
          <div className="h-7 w-64 animate-pulse rounded bg-zinc-200 dark:bg-zinc-800" />
          <div className="h-5 w-20 animate-pulse rounded-full bg-zinc-100 dark:bg-zinc-800" />
        </div>
        <div className="mt-3 h-3.5 w-96 max-w-full animate-pulse rounded bg-zinc-100 dark:bg-zinc-800" />
        <div className="mt-6 grid gap-4 xl:grid-cols-[minmax(0,1fr)_minmax(380px,460px)]">
          <div className="space-y-4">
            <div className="h-[420px] animate-pulse rounded-xl border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900" />
            <div className="rounded-xl border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
              <TimelineSkeleton />
            </div>
          </div>
          <div className="h-96 animate-pulse rounded-xl border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900" />
        </div>
      </div>
    </PageFrame>
  );
}
