import { z } from 'zod';
import { triggerKindNames, triggerKinds } from '../triggers/registry';
import type { TriggerKind } from '../triggers/types';

// API shapes of triggers (../shared/API.md "Additions (second round)" → Triggers), for REST, tRPC and OpenAPI.

/** One create body per kind (a generic mapped type, so the tuple stays a tuple and each kind keeps its config type). */
type CreateVariants<T extends readonly unknown[]> = {
  -readonly [I in keyof T]: T[I] extends TriggerKind<infer K, infer C>
    ? z.ZodObject<{ kind: z.ZodLiteral<K>; config: C; enabled: z.ZodOptional<z.ZodBoolean> }, z.core.$strict>
    : never;
};
const createVariants = triggerKinds.map((kind) =>
  z.strictObject({ kind: z.literal(kind.kind), config: kind.config, enabled: z.boolean().optional() }),
) as unknown as CreateVariants<typeof triggerKinds>;

export const createTriggerInput = z.discriminatedUnion('kind', createVariants);

/** The config is checked against the trigger's kind by the service. */
export const updateTriggerInput = z.strictObject({
  enabled: z.boolean().optional(),
  config: z.record(z.string(), z.json()).optional(),
});

export const triggerSchema = z.object({
  id: z.string(),
  kind: z.enum(triggerKindNames),
  enabled: z.boolean(),
  config: z.record(z.string(), z.json()),
  url: z.string().nullable().describe('where a webhook is called or a form is opened; null for schedules'),
  next_runs: z.array(z.iso.datetime()).nullable().describe('schedules: the next 5 fire times'),
  last_fired_at: z.iso.datetime().nullable(),
  created_at: z.iso.datetime(),
  secret: z.string().optional().describe("a webhook's secret, in the response that created it only"),
});

export const triggerListSchema = z.object({ triggers: z.array(triggerSchema) });

/** The editor's preview of a cron expression before it is saved. */
export const schedulePreviewInput = z.object({ cron: z.string().max(200), timezone: z.string().max(100).optional() });

export type TriggerView = z.infer<typeof triggerSchema>;
