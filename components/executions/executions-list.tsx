'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { type MouseEvent, type ReactNode } from 'react';
import { useTRPC } from '@/components/trpc';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { errorMessage } from '@/components/ui/errors';
import { Icon } from '@/components/ui/icons';
import { PagedRows, usePagedList, type PagedList } from '@/components/ui/paged-list';
import { Pagination, PastLastPage } from '@/components/ui/pagination';
import { QueryError } from '@/components/ui/query-error';
import { ListSearchBox } from '@/components/ui/search-box';
import { TableSkeletonFrame } from '@/components/ui/table-skeleton';
import { Spinner } from '@/components/ui/spinner';
import { formatDateTime, Time } from '@/components/ui/time';
import type { UrlParams } from '@/components/ui/url-params';
import { executionStatuses, executionTriggerLabels, executionTriggers, isActive, type ExecutionStatus, type ExecutionTrigger } from '@/lib/execution-states';
import { formatDuration, queueLabel, shortId, STATUS_LABEL, versionLabel } from './format';
import { useHydrated } from '@/components/ui/use-hydrated';
import { TruncatedText } from '@/components/ui/truncated-text';
import { useNow } from './hooks';
import { hasFilters, PAGE_SIZES, TIME_RANGES, timeWindow, useHistoryParams, type HistoryParams, type TimeRange } from './list-params';
import { ExecutionStatusBadge, LivePulse } from './status';
import type { ExecutionRow } from './types';

/** How often an open list asks for new and changed executions. */
const LIVE_REFRESH_MS = 2_000;

export function executionHref(workflowId: string, executionId: string): string {
  return `/workflows/${encodeURIComponent(workflowId)}/executions/${encodeURIComponent(executionId)}`;
}

const STATUS_OPTIONS = [{ value: '', label: 'All statuses' }, ...executionStatuses.map((status) => ({ value: status, label: STATUS_LABEL[status] }))];
const TRIGGER_OPTIONS = [{ value: '', label: 'All triggers' }, ...executionTriggers.map((trigger) => ({ value: trigger, label: executionTriggerLabels[trigger] }))];
const RANGE_OPTIONS = TIME_RANGES.map(({ value, label }) => ({ value, label }));

/**
 * The executions of the workspace, or of one workflow (`workflowId`): filters and search in the URL, pages, and
 * live — the list refreshes every two seconds while it is open, so new runs appear and running ones move on.
 */
export function ExecutionsList({ workflowId, emptyAction }: { workflowId?: string; emptyAction?: ReactNode }) {
  const trpc = useTRPC();
  const urlParams = useHistoryParams();
  const { params, setParams } = urlParams;
  // Rolling windows ("last hour") move on with the clock, a minute at a time so the query stays put in between.
  const minute = Math.floor(useNow(15_000, params.range !== 'any' && params.range !== 'custom') / 60_000) * 60_000;
  const span = timeWindow(params, minute);

  const query = useQuery({
    ...trpc.executions.search.queryOptions({
      workflow_id: workflowId,
      status: params.status ?? undefined,
      trigger: params.trigger ?? undefined,
      q: params.q || undefined,
      limit: params.limit,
      offset: params.offset,
      ...span,
    }),
    placeholderData: keepPreviousData,
    refetchInterval: LIVE_REFRESH_MS,
  });

  const list = usePagedList(urlParams, query, (data) => data.executions);
  const filtered = hasFilters(params);

  const clearFilters = () => setParams({ status: null, trigger: null, range: 'any', from: null, to: null, q: '', offset: 0 }, { history: 'push' });

  const neverRun = list.loaded && list.total === 0 && !filtered;

  return (
    <div className="space-y-4">
      {!neverRun && <Filters list={list} onClear={clearFilters} />}
      {query.isPending ? (
        <TableSkeleton showWorkflow={!workflowId} />
      ) : query.isError && !query.data ? (
        <QueryError title="Could not load the executions" error={query.error} onRetry={() => query.refetch()} />
      ) : neverRun ? (
        <EmptyState
          title="No executions yet"
          description={
            workflowId
              ? 'Run this workflow from the editor, through its API or its webhook, and every run shows up here as it happens.'
              : 'Run a workflow from the editor, through its API or a webhook, and every run shows up here as it happens.'
          }
          action={emptyAction}
        />
      ) : (
        <>
          {query.isError && (
            <Alert tone="warning" title="Live updates paused" action={<Button size="sm" onClick={() => query.refetch()}>Try again</Button>}>
              Could not refresh the list: {errorMessage(query.error)} Retrying every few seconds.
            </Alert>
          )}
          {list.rows.length === 0 ? (
            filtered ? (
              <EmptyState
                title="No executions match these filters"
                description={params.q ? `Nothing matches “${params.q}” with the filters chosen. Search looks at the words of each execution's input, output and error.` : 'Try a wider time range or another status.'}
                action={<Button onClick={clearFilters}>Clear filters</Button>}
              />
            ) : (
              <PastLastPage list={list} />
            )
          ) : (
            <PagedRows list={list}>
              <ExecutionsTable executions={list.rows} showWorkflow={!workflowId} />
            </PagedRows>
          )}
          {list.total > 0 && (
            <Pagination
              list={list}
              pageSizes={PAGE_SIZES}
              noun={['execution', 'executions']}
              formatCount={(count) => count.toLocaleString()}
              badge={!query.isError && <LiveBadge />}
            />
          )}
        </>
      )}
    </div>
  );
}

function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const time = new Date(value).getTime();
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

const FILTER_SELECT =
  'block h-9 rounded-md border border-zinc-300 bg-white pr-8 pl-3 text-sm text-zinc-900 shadow-sm focus:outline-2 focus:outline-offset-0 focus:outline-indigo-500 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100';

function FilterSelect({ label, value, options, onChange }: { label: string; value: string; options: ReadonlyArray<{ value: string; label: string }>; onChange: (value: string) => void }) {
  return (
    <select aria-label={label} value={value} onChange={(event) => onChange(event.target.value)} className={FILTER_SELECT}>
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </select>
  );
}

/** The table's column headings; Workflow only on the all-workflows list, Duration right-aligned like its numbers. */
const COLUMNS = ['Status', 'Started', 'Workflow', 'Trigger', 'Duration', 'Version', 'Input', 'Output or error'];

const DATE_INPUT =
  'block h-9 rounded-md border border-zinc-300 bg-white px-2 text-sm text-zinc-900 shadow-sm focus:outline-2 focus:outline-offset-0 focus:outline-indigo-500 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:[color-scheme:dark]';

/** One end of a custom time range, in local time; the other end bounds what it accepts. */
function DateTimeField({ label, value, min, max, onChange }: { label: string; value: string | null; min?: string | null; max?: string | null; onChange: (value: string | null) => void }) {
  // Local time is the browser's: the server, in its own time zone, renders the field empty.
  const hydrated = useHydrated();
  const local = (iso: string | null) => (hydrated ? toLocalInput(iso) : '');
  return (
    <label className="flex items-center gap-1.5">
      {label}
      <input
        type="datetime-local"
        className={DATE_INPUT}
        value={local(value)}
        min={local(min ?? null) || undefined}
        max={local(max ?? null) || undefined}
        onChange={(event) => onChange(fromLocalInput(event.target.value))}
      />
    </label>
  );
}

function Filters({ list, onClear }: { list: PagedList<UrlParams<HistoryParams>>; onClear: () => void }) {
  const { params, setParams } = list.urlParams;
  const push = { history: 'push' } as const;
  return (
    <div role="search" aria-label="Filter executions" className="flex flex-col gap-2 lg:flex-row lg:flex-wrap lg:items-center">
      <ListSearchBox list={list} label="Search executions" placeholder="Search input, output and errors…" className="lg:max-w-sm" />
      <div className="flex flex-wrap items-center gap-2">
        <FilterSelect
          label="Status"
          value={params.status ?? ''}
          options={STATUS_OPTIONS}
          onChange={(value) => setParams({ status: (value || null) as ExecutionStatus | null, offset: 0 }, push)}
        />
        <FilterSelect
          label="Trigger"
          value={params.trigger ?? ''}
          options={TRIGGER_OPTIONS}
          onChange={(value) => setParams({ trigger: (value || null) as ExecutionTrigger | null, offset: 0 }, push)}
        />
        <FilterSelect
          label="Time range"
          value={params.range}
          options={RANGE_OPTIONS}
          onChange={(value) => {
            const range = value as TimeRange;
            // A custom range starts as "the last 24 hours", ready to adjust.
            const from = range === 'custom' ? (params.from ?? new Date(Date.now() - 86_400_000).toISOString()) : null;
            setParams({ range, from, to: range === 'custom' ? params.to : null, offset: 0 }, push);
          }}
        />
        {params.range === 'custom' && (
          <div className="flex flex-wrap items-center gap-2 text-sm text-zinc-600 dark:text-zinc-400">
            <DateTimeField label="From" value={params.from} max={params.to} onChange={(from) => setParams({ from, offset: 0 })} />
            <DateTimeField label="To" value={params.to} min={params.from} onChange={(to) => setParams({ to, offset: 0 })} />
          </div>
        )}
        {hasFilters(params) && (
          <Button variant="ghost" onClick={onClear}>
            <Icon name="x" className="shrink-0 h-3.5 w-3.5" />
            Clear filters
          </Button>
        )}
      </div>
    </div>
  );
}

const TH = 'px-3 py-2.5 text-left text-xs font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-400';
const TD = 'px-3 py-2.5 align-top';

function ExecutionsTable({ executions, showWorkflow }: { executions: ExecutionRow[]; showWorkflow: boolean }) {
  const router = useRouter();
  const anyRunning = executions.some((execution) => isActive(execution.status));
  // Running rows count their time every second; the others' "3 minutes ago" moves on twice a minute.
  const now = useNow(anyRunning ? 1_000 : 30_000);

  function openRow(event: MouseEvent<HTMLTableRowElement>, href: string) {
    // Links and buttons in the row do their own thing; text being selected is not a click.
    if ((event.target as HTMLElement).closest('a, button') || window.getSelection()?.toString()) return;
    if (event.metaKey || event.ctrlKey) window.open(href, '_blank', 'noopener');
    else router.push(href);
  }

  const columns = showWorkflow ? COLUMNS : COLUMNS.filter((column) => column !== 'Workflow');
  return (
    <div className="overflow-x-auto rounded-xl border border-zinc-200 bg-white shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
      <table aria-label="Executions" className="w-full min-w-[56rem] text-sm">
        <thead className="border-b border-zinc-200 bg-zinc-50/80 dark:border-zinc-800 dark:bg-zinc-900">
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col" className={column === 'Duration' ? `${TH} text-right` : TH}>
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {executions.map((execution) => {
            const href = executionHref(execution.workflow_id, execution.id);
            const running = isActive(execution.status);
            const started = execution.started_at ?? execution.created_at;
            const duration = running ? now - new Date(started).getTime() : execution.duration_ms;
            return (
              <tr
                key={execution.id}
                data-execution-id={execution.id}
                data-status={execution.status}
                onClick={(event) => openRow(event, href)}
                className="cursor-pointer transition-colors hover:bg-zinc-50 dark:hover:bg-zinc-800/50"
              >
                <td className={TD}>
                  <ExecutionStatusBadge status={execution.status} />
                </td>
                <td className={`${TD} whitespace-nowrap`}>
                  <Link
                    href={href}
                    className="font-medium text-zinc-900 hover:text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 dark:text-zinc-100 dark:hover:text-indigo-300"
                    aria-label={`Execution ${shortId(execution.id)}, ${STATUS_LABEL[execution.status].toLowerCase()}, started ${formatDateTime(started)}`}
                  >
                    <Time value={started} />
                  </Link>
                  <p className="mt-0.5 font-mono text-[11px] text-zinc-500 dark:text-zinc-400">{shortId(execution.id)}</p>
                </td>
                {showWorkflow && (
                  <td className={`${TD} max-w-[14rem]`}>
                    <Link
                      href={`/workflows/${encodeURIComponent(execution.workflow_id)}/executions`}
                      className="block truncate text-zinc-700 hover:text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-zinc-300 dark:hover:text-indigo-300"
                      title={`Executions of ${execution.workflow_name}`}
                    >
                      {execution.workflow_name}
                    </Link>
                  </td>
                )}
                <td className={`${TD} whitespace-nowrap text-zinc-600 dark:text-zinc-400`}>{executionTriggerLabels[execution.trigger]}</td>
                <td className={`${TD} text-right whitespace-nowrap tabular-nums text-zinc-700 dark:text-zinc-300`}>
                  {running ? <span className="text-indigo-600 dark:text-indigo-400">{formatDuration(duration)}</span> : formatDuration(duration)}
                </td>
                <td className={`${TD} whitespace-nowrap text-zinc-500 tabular-nums dark:text-zinc-400`}>{versionLabel(execution)}</td>
                <td className={`${TD} max-w-[16rem]`}>
                  <Preview text={execution.input_preview} />
                </td>
                <td className={`${TD} max-w-[20rem]`}>
                  {execution.error ? (
                    <p className="line-clamp-2 text-red-700 dark:text-red-400" title={execution.error.message}>
                      {execution.error.block_id && <span className="font-mono text-xs text-red-500 dark:text-red-400/80">{execution.error.block_id}: </span>}
                      {execution.error.message}
                    </p>
                  ) : execution.status === 'queued' ? (
                    // Queue mode: nothing runs it until a worker takes it; its place in the queue and how long it has waited.
                    <span className="flex items-center gap-1.5 text-zinc-500 dark:text-zinc-400" data-testid="queue-position">
                      <Spinner className="h-3.5 w-3.5" /> {queueLabel(execution.queue_position)}, waiting for a worker for {formatDuration(duration)}…
                    </span>
                  ) : running ? (
                    <span className="flex items-center gap-1.5 text-indigo-600 dark:text-indigo-400">
                      <Spinner className="h-3.5 w-3.5" /> Running…
                    </span>
                  ) : (
                    <Preview text={execution.output_preview} />
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function Preview({ text }: { text: string | null }) {
  if (text === null || text === '' || text === '{}') return <span className="text-zinc-500 dark:text-zinc-400">—</span>;
  return (
    <TruncatedText as="code" className="block font-mono text-xs text-zinc-600 dark:text-zinc-400">
      {text}
    </TruncatedText>
  );
}

/** The pager's sign that the list refreshes on its own. */
function LiveBadge() {
  return (
    <span className="inline-flex items-center gap-1.5 text-xs text-emerald-700 dark:text-emerald-400" title={`Refreshes every ${LIVE_REFRESH_MS / 1000} seconds`}>
      <LivePulse />
      Live
    </span>
  );
}

export function TableSkeleton({ showWorkflow = true }: { showWorkflow?: boolean }) {
  return (
    <TableSkeletonFrame
      label="Loading executions…"
      rows={6}
      rowClassName="flex items-center gap-6 px-4 py-3.5"
      row={
        <>
          <div className="h-5 w-20 animate-pulse rounded-full bg-zinc-100 dark:bg-zinc-800" />
          <div className="space-y-1.5">
            <div className="h-3.5 w-24 animate-pulse rounded bg-zinc-200 dark:bg-zinc-800" />
            <div className="h-2.5 w-14 animate-pulse rounded bg-zinc-100 dark:bg-zinc-800/60" />
          </div>
          {showWorkflow && <div className="hidden h-3.5 w-32 animate-pulse rounded bg-zinc-100 md:block dark:bg-zinc-800" />}
          <div className="h-3.5 w-12 animate-pulse rounded bg-zinc-100 dark:bg-zinc-800" />
          <div className="h-3.5 w-14 animate-pulse rounded bg-zinc-100 dark:bg-zinc-800" />
          <div className="hidden h-3 flex-1 animate-pulse rounded bg-zinc-100 lg:block dark:bg-zinc-800/60" />
        </>
      }
    />
  );
}
