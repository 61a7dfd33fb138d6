import type { ExecutionStatus } from '@/lib/execution-states';

// Words, numbers and colours shared by the executions pages.

export const STATUS_LABEL: Record<ExecutionStatus, string> = {
  queued: 'Queued',
  running: 'Running',
  completed: 'Completed',
  failed: 'Failed',
  cancelled: 'Cancelled',
  waiting: 'Waiting',
};

/** "Draft" for a run of the draft as it was, else the numbered version that ran (a deployed run, or a re-run of one). */
export function versionLabel({ ran_draft, version }: { ran_draft: boolean; version: number }): string {
  return ran_draft ? 'Draft' : `v${version}`;
}

/** 0.4 ms, 12 ms, 1.24 s, 12.4 s, 2m 05s, 1h 02m. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  if (ms < 0) ms = 0;
  if (ms < 1) return `${ms.toFixed(1)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 10) return `${seconds.toFixed(2)} s`;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${String(Math.floor(seconds % 60)).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`;
}

/** Axis labels of the timeline: 0, 250 ms, 1.5 s, 2m. */
export function formatOffset(ms: number): string {
  if (ms === 0) return '0';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${Number((ms / 1000).toFixed(ms < 10_000 ? 2 : 1))} s`;
  return formatDuration(ms);
}

export const NUMBER = new Intl.NumberFormat();

/** A queued execution's place in the queue (queue mode), or that it is queued when its place is not known. */
export function queueLabel(position: number | null): string {
  if (position === null) return 'Queued';
  return position === 1 ? 'Next in the queue' : `#${position} in the queue`;
}

/** $0.0004, $1.23: enough digits that a cheap run is not shown as $0.00; "unknown" when a model has no price. */
export function formatCost(usd: number | null): string {
  if (usd === null) return 'unknown';
  if (usd === 0) return '$0';
  if (usd >= 0.01) return `$${usd.toFixed(2)}`;
  return `$${Number(usd.toPrecision(2))}`;
}

export const COST_UNKNOWN_HELP = 'A model of this run has no price: add it under Settings → Model prices.';

export function shortId(id: string): string {
  return id.replace(/-/g, '').slice(0, 8);
}

const CLOCK = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });

/** 14:03:07.123, for console lines. */
export function clockTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return `${CLOCK.format(date)}.${String(date.getMilliseconds()).padStart(3, '0')}`;
}

/** Single-quotes a string for a POSIX shell. */
function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** The same run from a terminal: the REST API with an API key from the environment. */
export function curlCommand(origin: string, workflowId: string, input: unknown): string {
  const body = JSON.stringify({ input: input ?? {} });
  return [
    `curl -X POST ${shellQuote(`${origin}/api/workflows/${encodeURIComponent(workflowId)}/execute`)}`,
    `  -H "Authorization: Bearer $WEFT_API_KEY"`,
    `  -H 'Content-Type: application/json'`,
    `  -d ${shellQuote(body)}`,
  ].join(' \\\n');
}
