'use client';

import { useQuery } from '@tanstack/react-query';
import type { inferRouterOutputs } from '@trpc/server';
import { useState, useSyncExternalStore, type ComponentProps } from 'react';
import { formatCost, formatDuration, NUMBER } from '@/components/executions/format';
import { useTRPC } from '@/components/trpc';
import type { AppRouter } from '@/server/api/root';
import { SelectField } from '@/components/ui/field';
import { QueryError } from '@/components/ui/query-error';
import { Loading } from '@/components/ui/spinner';
import { BudgetNotice } from './budget-notice';
import { TimeChart, TONES, type ChartSeries } from './time-chart';

// The workspace's runs over time: how many, how many failed, how long they took, what they used and cost, for the
// whole workspace or one workflow.

const RANGES = [
  { value: '24h', label: '24 hours' },
  { value: '7d', label: '7 days' },
  { value: '30d', label: '30 days' },
] as const;
type Range = (typeof RANGES)[number]['value'];

/** Labels of the chart's buckets, in the time zone the days were cut in. */
function bucketLabels(data: DashboardData): string[] {
  const format =
    data.bucket === 'hour'
      ? new Intl.DateTimeFormat('en', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: data.time_zone })
      : new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric', timeZone: data.time_zone });
  return data.series.map((point) => format.format(new Date(point.start)));
}

const noChanges = () => () => {};
/** The browser's time zone; null while rendering on the server, which does not know it. */
function useBrowserTimeZone(): string | null {
  return useSyncExternalStore(
    noChanges,
    () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
    () => null,
  );
}
const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(rate > 0 && rate < 0.1 ? 1 : 0)}%`);
const count = (value: number) => NUMBER.format(Math.round(value));

export function DashboardView() {
  const trpc = useTRPC();
  const [range, setRange] = useState<Range>('7d');
  const [workflowId, setWorkflowId] = useState('');
  const workflows = useQuery(trpc.workflows.list.queryOptions({ limit: 200 }));
  // Days are the person's own: the server cuts them in the browser's time zone.
  const timeZone = useBrowserTimeZone();
  const board = useQuery({
    ...trpc.dashboard.get.queryOptions({ range, workflow_id: workflowId || undefined, time_zone: timeZone ?? 'UTC' }, { placeholderData: (previous) => previous }),
    enabled: timeZone !== null,
  });

  return (
    <div className="mx-auto w-full max-w-screen-2xl px-4 py-8">
      <h1 className="text-2xl font-semibold tracking-tight">Dashboard</h1>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        Runs, failures, durations, tokens and cost over time{board.data ? `; days as in ${board.data.time_zone}` : ''}.
      </p>
      <div className="mt-6 flex flex-col gap-4 sm:flex-row sm:items-end">
        <fieldset>
          <legend className="mb-1.5 text-sm font-medium">Range</legend>
          <div className="inline-flex rounded-md border border-zinc-300 dark:border-zinc-700">
            {RANGES.map((option) => (
              <button
                key={option.value}
                type="button"
                aria-pressed={range === option.value}
                onClick={() => setRange(option.value)}
                className={`h-9 px-3 text-sm first:rounded-l-md last:rounded-r-md focus-visible:outline-2 focus-visible:outline-indigo-500 ${range === option.value ? 'bg-indigo-600 font-medium text-white' : 'text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800'}`}
              >
                {option.label}
              </button>
            ))}
          </div>
        </fieldset>
        <SelectField
          label="Workflow"
          className="sm:w-72"
          value={workflowId}
          onChange={(event) => setWorkflowId(event.target.value)}
          options={[{ value: '', label: 'All workflows' }, ...(workflows.data?.workflows ?? []).map((w) => ({ value: w.id, label: w.name }))]}
        />
      </div>
      <div className="mt-6 space-y-6">
        <BudgetNotice />
        {board.isError ? (
          <QueryError title="The dashboard could not be loaded" error={board.error} onRetry={() => void board.refetch()} />
        ) : !board.data ? (
          <Loading label="Loading the dashboard…" />
        ) : (
          <Figures data={board.data} />
        )}
      </div>
    </div>
  );
}

type DashboardData = inferRouterOutputs<AppRouter>['dashboard']['get'];
type Point = DashboardData['series'][number];
/** The figures of a point a chart can draw. */
type Figure = { [K in keyof Point]: Point[K] extends number | null ? K : never }[keyof Point];

function Figures({ data }: { data: DashboardData }) {
  const { totals, series } = data;
  const labels = bucketLabels(data);
  const peak = (values: number[]) => {
    const top = Math.max(0, ...values);
    return top > 0 ? labels[values.indexOf(top)] : null;
  };
  /** One line of a chart: a figure of every point, amber for what went wrong or the second figure. */
  const line = (name: string, figure: Figure, tone: ChartSeries['tone'] = TONES.primary): ChartSeries => ({ name, values: series.map((p) => p[figure]), tone });
  const runsPeak = peak(series.map((p) => p.runs));
  const tiles = [
    { label: 'Runs', value: count(totals.runs) },
    { label: 'Failure rate', value: percent(totals.failure_rate) },
    { label: 'p50 duration', value: formatDuration(totals.p50_ms) },
    { label: 'p95 duration', value: formatDuration(totals.p95_ms) },
    { label: 'Tokens', value: count(totals.input_tokens + totals.output_tokens) },
    { label: 'Cost', value: formatCost(totals.cost_usd) },
  ];
  /** One chart a row, like the tiles: `id` names its test id, every chart spans the same buckets. */
  const charts: (Omit<ComponentProps<typeof TimeChart>, 'labels' | 'testId'> & { id: string })[] = [
    { id: 'runs', title: 'Runs', format: count, series: [line('Runs', 'runs'), line('Failed', 'failed', TONES.secondary)], summary: `${count(totals.runs)} runs, ${count(totals.failed)} failed${runsPeak ? `; most at ${runsPeak}` : ''}.` },
    { id: 'failure-rate', title: 'Failure rate', format: percent, series: [line('Failure rate', 'failure_rate', TONES.secondary)], summary: `${percent(totals.failure_rate)} of the runs that ended failed.` },
    { id: 'duration', title: 'Duration', format: formatDuration, series: [line('p50', 'p50_ms'), line('p95', 'p95_ms', TONES.secondary)], summary: `Half the runs took at most ${formatDuration(totals.p50_ms)}, 95% at most ${formatDuration(totals.p95_ms)}.` },
    { id: 'tokens', title: 'Tokens', format: count, series: [line('Input', 'input_tokens'), line('Output', 'output_tokens', TONES.secondary)], summary: `${count(totals.input_tokens)} input and ${count(totals.output_tokens)} output tokens.` },
    { id: 'cost', title: 'Cost', format: formatCost, series: [line('Cost', 'cost_usd')], summary: `${formatCost(totals.cost_usd)} in total.` },
  ];

  return (
    <>
      <dl data-testid="dashboard-totals" className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
        {tiles.map((tile) => (
          <div key={tile.label} className="rounded-lg border border-zinc-200 p-3 dark:border-zinc-800">
            <dt className="text-xs text-zinc-600 dark:text-zinc-400">{tile.label}</dt>
            <dd className="mt-1 text-lg font-semibold tabular-nums">{tile.value}</dd>
          </div>
        ))}
      </dl>
      <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
        {charts.map(({ id, ...chart }) => (
          <TimeChart key={id} testId={`chart-${id}`} labels={labels} {...chart} />
        ))}
      </div>
      <WorkflowTable data={data} />
    </>
  );
}

function WorkflowTable({ data }: { data: DashboardData }) {
  const rows = data.workflows.filter((w) => w.runs > 0);
  const top = Math.max(0, ...rows.map((w) => w.cost_usd));
  return (
    <section aria-labelledby="per-workflow" className="rounded-lg border border-zinc-200 dark:border-zinc-800">
      <h2 id="per-workflow" className="border-b border-zinc-200 px-4 py-3 text-sm font-medium dark:border-zinc-800">
        Per workflow
      </h2>
      {rows.length === 0 ? (
        <p className="px-4 py-6 text-sm text-zinc-600 dark:text-zinc-400">No runs in this range.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm tabular-nums">
            <thead className="text-xs text-zinc-600 dark:text-zinc-400">
              <tr>
                {['Workflow', 'Runs', 'Failure rate', 'p50', 'p95', 'Tokens', 'Cost'].map((head) => (
                  <th key={head} scope="col" className="px-4 py-2 font-medium">
                    {head}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((w) => (
                <tr key={w.workflow_id} className="border-t border-zinc-100 dark:border-zinc-800">
                  <th scope="row" className="max-w-[16rem] truncate px-4 py-2 font-medium">
                    {w.name}
                  </th>
                  <td className="px-4 py-2">{count(w.runs)}</td>
                  <td className="px-4 py-2">{percent(w.failure_rate)}</td>
                  <td className="px-4 py-2">{formatDuration(w.p50_ms)}</td>
                  <td className="px-4 py-2">{formatDuration(w.p95_ms)}</td>
                  <td className="px-4 py-2">{count(w.input_tokens + w.output_tokens)}</td>
                  <td className="px-4 py-2">
                    <div className="flex items-center gap-2">
                      <span className="w-16">{formatCost(w.cost_usd)}</span>
                      {/* The share of the range's cost, as a bar beside the figure. */}
                      <span aria-hidden className="h-2 w-24 rounded-full bg-zinc-100 dark:bg-zinc-800">
                        <span className="block h-2 rounded-full bg-indigo-600 dark:bg-indigo-400" style={{ width: `${top > 0 ? (w.cost_usd / top) * 100 : 0}%` }} />
                      </span>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
