import { z } from 'zod';
import { isTimeZone } from '@/lib/time-zone';
import { budgetStatusSchema } from './budget-schemas';

// The dashboard's question and answer: how the workspace's (or one workflow's) runs behaved and cost over a range.

const dashboardRanges = ['24h', '7d', '30d'] as const;

/**
 * An IANA time zone name the runtime knows ("America/Los_Angeles", "UTC"). Offsets ("+05:00") and POSIX strings are
 * refused: PostgreSQL's AT TIME ZONE reads those with the opposite sign.
 */
const timeZoneName = z
  .string()
  .max(64, { abort: true })
  .regex(/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/, { message: 'is not an IANA time zone name', abort: true })
  .refine(isTimeZone, 'is not a known time zone');

export const dashboardQuery = z.object({
  range: z.enum(dashboardRanges).default('7d'),
  /** Only this workflow's runs; all of the workspace's when absent. */
  workflow_id: z.uuid().optional(),
  time_zone: timeZoneName.default('UTC').describe("the IANA time zone whose calendar days the `7d` and `30d` ranges count in (the browser's); UTC by default"),
});

const runFigures = {
  runs: z.number(),
  failed: z.number(),
  /** failed ÷ runs that ended (completed, failed or cancelled); null when none ended. */
  failure_rate: z.number().nullable(),
  /** Duration percentiles of the runs that ended, interpolated; null when none ended. */
  p50_ms: z.number().nullable(),
  p95_ms: z.number().nullable(),
  input_tokens: z.number(),
  output_tokens: z.number(),
  /** The sum of the runs' cost_usd; runs whose cost is unknown add nothing. */
  cost_usd: z.number(),
};

export const dashboardSchema = z.object({
  range: z.enum(dashboardRanges),
  bucket: z.enum(['hour', 'day']),
  time_zone: z.string().describe('the time zone whose days the day buckets are (hour buckets are whole UTC hours)'),
  from: z.string(),
  to: z.string(),
  totals: z.object(runFigures),
  /** One entry per hour or day from `from` to `to`, empty ones included, oldest first. */
  series: z.array(z.object({ start: z.string(), ...runFigures })),
  /** Every workflow of the workspace (or the chosen one) with its figures over the range, most runs first. */
  workflows: z.array(z.object({ workflow_id: z.string(), name: z.string(), ...runFigures })),
  budget: budgetStatusSchema,
});

export type Dashboard = z.infer<typeof dashboardSchema>;
