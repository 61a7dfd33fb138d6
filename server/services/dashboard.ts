import type { z } from 'zod';
import type { Caller } from '../auth/caller';
import { db } from '../db';
import { Prisma } from '../db/generated/client';
import { ApiError } from '../errors';
import { budgetStatus } from './budgets';
import { dashboardQuery, type Dashboard } from './dashboard-schemas';
import { workflowNotFound } from './workflows';

// The dashboard's figures, computed by PostgreSQL over the workspace's executions: runs, failures, duration
// percentiles, tokens and cost, per hour or day, per workflow and in total.

const RANGES = {
  '24h': { hours: 24, bucket: 'hour' },
  '7d': { hours: 7 * 24, bucket: 'day' },
  '30d': { hours: 30 * 24, bucket: 'day' },
} as const;

interface FiguresRow {
  runs: number;
  failed: number;
  ended: number;
  p50: number | null;
  p95: number | null;
  input_tokens: number;
  output_tokens: number;
  cost: number;
}

/** The aggregate columns every grouping shares, over executions aliased `e` (null columns when there is no row). */
const FIGURES = Prisma.sql`
  count(e."id")::int AS "runs",
  (count(*) FILTER (WHERE e."status" = 'failed'))::int AS "failed",
  (count(*) FILTER (WHERE e."status" IN ('completed', 'failed', 'cancelled')))::int AS "ended",
  percentile_cont(0.5) WITHIN GROUP (ORDER BY e."durationMs") FILTER (WHERE e."status" IN ('completed', 'failed', 'cancelled')) AS "p50",
  percentile_cont(0.95) WITHIN GROUP (ORDER BY e."durationMs") FILTER (WHERE e."status" IN ('completed', 'failed', 'cancelled')) AS "p95",
  coalesce(sum((e."usage"->>'input_tokens')::float8), 0)::float8 AS "input_tokens",
  coalesce(sum((e."usage"->>'output_tokens')::float8), 0)::float8 AS "output_tokens",
  coalesce(sum(e."costUsd"), 0)::float8 AS "cost"`;

function figures(row: FiguresRow | undefined) {
  const r = row ?? { runs: 0, failed: 0, ended: 0, p50: null, p95: null, input_tokens: 0, output_tokens: 0, cost: 0 };
  return {
    runs: r.runs,
    failed: r.failed,
    failure_rate: r.ended > 0 ? r.failed / r.ended : null,
    p50_ms: r.p50,
    p95_ms: r.p95,
    input_tokens: Number(r.input_tokens),
    output_tokens: Number(r.output_tokens),
    cost_usd: Number(r.cost),
  };
}

/**
 * The figures, or the contract's validation_error when the database does not know a zone the runtime's Intl accepted
 * (an old alias such as "US/Pacific-New"): the two ship their own copies of the zone database.
 */
async function withKnownZone<T>(figures: Promise<T>): Promise<T> {
  try {
    return await figures;
  } catch (error) {
    const cause = (error as { meta?: { driverAdapterError?: { cause?: { code?: unknown; message?: unknown } } } }).meta?.driverAdapterError?.cause;
    if (cause?.code === '22023' && typeof cause.message === 'string' && cause.message.startsWith('time zone')) {
      throw new ApiError('validation_error', 'The request does not match the schema', [{ path: 'time_zone', message: 'is not a time zone the database knows' }]);
    }
    throw error;
  }
}

export async function workspaceDashboard(caller: Caller, query: z.input<typeof dashboardQuery>, now = new Date()): Promise<Dashboard> {
  const { range, workflow_id, time_zone } = dashboardQuery.parse(query);
  const prisma = await db();
  if (workflow_id) {
    const workflow = await prisma.workflow.findFirst({ where: { id: workflow_id, workspaceId: caller.workspaceId }, select: { id: true } });
    if (!workflow) throw workflowNotFound();
  }
  const { hours, bucket } = RANGES[range];
  const from = new Date(now.getTime() - hours * 3_600_000);
  const step = bucket === 'hour' ? '1 hour' : '1 day';
  // Days are the caller's calendar days (23 or 25 hours across a daylight saving change); hours are UTC hours, so
  // none is missing or doubled at a change. Stored times are UTC without a zone: AT TIME ZONE 'UTC' says so, and AT
  // TIME ZONE the bucket's zone then reads them as that zone's wall clock, where the buckets are cut.
  const zone = bucket === 'day' ? time_zone : 'UTC';
  const wallClock = (utc: Prisma.Sql) => Prisma.sql`((${utc}) AT TIME ZONE 'UTC' AT TIME ZONE ${zone})`;
  const inRange = Prisma.sql`e."workspaceId" = ${caller.workspaceId} AND e."createdAt" >= ${from} AND e."createdAt" <= ${now}`;
  const chosen = workflow_id ? Prisma.sql`AND e."workflowId" = ${workflow_id}` : Prisma.empty;

  const [totals, series, workflows, budget] = await withKnownZone(Promise.all([
    prisma.$queryRaw<FiguresRow[]>`SELECT ${FIGURES} FROM "Execution" e WHERE ${inRange} ${chosen}`,
    // Every bucket of the range, the empty ones too, so the charts' x axis is time and not "hours that had runs".
    prisma.$queryRaw<(FiguresRow & { start: Date })[]>`
      SELECT (b."start" AT TIME ZONE ${zone}) AS "start", ${FIGURES}
        FROM generate_series(date_trunc(${bucket}, ${wallClock(Prisma.sql`${from}::timestamp`)}), ${wallClock(Prisma.sql`${now}::timestamp`)}, ${step}::interval) AS b("start")
        LEFT JOIN "Execution" e ON ${inRange} ${chosen} AND date_trunc(${bucket}, ${wallClock(Prisma.sql`e."createdAt"`)}) = b."start"
       GROUP BY b."start" ORDER BY b."start"`,
    prisma.$queryRaw<(FiguresRow & { workflow_id: string; name: string })[]>`
      SELECT w."id" AS "workflow_id", w."name", ${FIGURES}
        FROM "Workflow" w LEFT JOIN "Execution" e ON e."workflowId" = w."id" AND ${inRange}
       WHERE w."workspaceId" = ${caller.workspaceId} ${workflow_id ? Prisma.sql`AND w."id" = ${workflow_id}` : Prisma.empty}
       GROUP BY w."id", w."name" ORDER BY "runs" DESC, w."name" ASC, w."id" ASC`,
    budgetStatus(caller),
  ]));

  return {
    range,
    bucket,
    time_zone,
    from: from.toISOString(),
    to: now.toISOString(),
    totals: figures(totals[0]),
    series: series.map((row) => ({ start: new Date(row.start).toISOString(), ...figures(row) })),
    workflows: workflows.map((row) => ({ workflow_id: row.workflow_id, name: row.name, ...figures(row) })),
    budget,
  };
}
