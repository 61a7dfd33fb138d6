import { Cron } from 'croner';
import { z } from 'zod';
import { isTimeZone } from '@/lib/time-zone';
import { defineTrigger } from './types';

// Cron schedules in an IANA time zone. The scheduler (services/trigger-scheduler.ts) fires the tick stored in the
// row's nextRunAt with a conditional update, so one process wins each tick; after downtime the ticks missed collapse
// into one run (or none, with catch_up off).

const cronSchema = z
  .string()
  .trim()
  .max(200)
  .superRefine((cron, ctx) => {
    const fields = cron.split(/\s+/).length;
    if (fields !== 5 && fields !== 6) {
      ctx.addIssue({ code: 'custom', message: `must have 5 fields (minute hour day month weekday) or 6 (seconds first), not ${fields}` });
      return;
    }
    try {
      new Cron(cron);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: `is not a valid cron expression: ${(error as Error).message}` });
    }
  });

export const scheduleTrigger = defineTrigger({
  kind: 'schedule',
  description: 'Runs the deployed version on a cron schedule in a time zone.',
  executionTrigger: 'schedule',
  config: z.strictObject({
    cron: cronSchema,
    timezone: z.string().max(100).refine(isTimeZone, 'must be an IANA time zone such as "Europe/Berlin"').default('UTC'),
    /** What a tick does while the run it started last is still going: skip it, run once it ends, or run anyway. */
    overlap: z.enum(['skip', 'queue', 'allow']).default('skip'),
    /** After downtime: run once for the ticks that were missed (true) or wait for the next one (false). */
    catch_up: z.boolean().default(true),
  }),
  fireTimes: (config, from, count) => new Cron(config.cron, { timezone: config.timezone }).nextRuns(count, from),
});
