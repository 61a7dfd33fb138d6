import type { z } from 'zod';
import type { ExecutionTrigger } from '@/lib/execution-states';

// What a trigger kind file says about itself: its config schema, where it is called (if it has a URL), whether it
// gets a secret, and for schedules when it fires. The services, routes and the deploy panel read only this. Its name
// for people is its execution trigger's label (lib/execution-states.ts), which history shows too.

export interface TriggerKind<TKind extends string = string, TConfig extends z.ZodType<Record<string, unknown>> = z.ZodType<Record<string, unknown>>> {
  kind: TKind;
  /** One sentence for the Triggers panel. */
  description: string;
  /** What executions it starts record as their `trigger`. */
  executionTrigger: ExecutionTrigger;
  config: TConfig;
  /** The path it is called at (webhooks, forms), from the trigger's id. */
  path?: (id: string) => string;
  /** Whether a secret is minted when it is created (shown once, kept hashed and encrypted). */
  secret?: boolean;
  /** Schedules: the next `count` fire times strictly after `from`. */
  fireTimes?: (config: z.output<TConfig>, from: Date, count: number) => Date[];
}

export function defineTrigger<const TKind extends string, TConfig extends z.ZodType<Record<string, unknown>>>(
  spec: TriggerKind<TKind, TConfig>,
): TriggerKind<TKind, TConfig> {
  return spec;
}
