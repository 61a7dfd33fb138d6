import { z } from 'zod';
import { executionStatuses, executionTriggers } from '@/lib/execution-states';
import { pageSchema, paginationQuery } from './pagination';

// API shapes of executions (../shared/API.md "Execution"): requests validate with these, OpenAPI describes them.

export const executeInput = z
  .object({
    input: z.record(z.string(), z.json()).optional(),
    /** Accepted as an alias of `input` (clients of the reference platform send it). */
    variables: z.record(z.string(), z.json()).optional(),
  })
  // Unknown keys are refused, as the OpenAPI document says: `{"inputs": …}` must not silently run with no input.
  .strict()
  .transform((body) => ({ input: body.input ?? body.variables ?? {} }));

/** POST .../rerun: runs an execution again, with its input or an edited one, on the graph that ran or the current draft. */
export const rerunInput = z.strictObject({
  input: z.record(z.string(), z.json()).optional().describe("the execution input; by default the re-run execution's input"),
  version: z
    .enum(['ran', 'draft'])
    .default('ran')
    .describe('`ran`: the graph exactly as that execution ran it (its version); `draft`: the workflow as it is now'),
});

export const listExecutionsQuery = z.object({
  ...paginationQuery,
  status: z.enum(executionStatuses).optional(),
});

const timestamp = z.iso.datetime();
const usageSchema = z.object({
  input_tokens: z.number().int(),
  output_tokens: z.number().int(),
  cached_input_tokens: z.number().int().optional().describe('input tokens read from the prompt cache (part of input_tokens)'),
});
const costSchema = z.number().nullable().describe('USD, from token usage and the price per model; null when a model\'s price is unknown');

/** When an execution or one block of it ran: null until it started, or until it ended. */
const runTiming = {
  started_at: timestamp.nullable(),
  completed_at: timestamp.nullable(),
  duration_ms: z.number().nullable(),
};

const executionErrorSchema = z.object({ message: z.string(), block_id: z.string().nullable(), code: z.string() });

const executionSummarySchema = z.object({
  id: z.string(),
  workflow_id: z.string(),
  version: z.number().int(),
  ran_draft: z
    .boolean()
    .describe('true when it ran the draft (`version` is then the draft revision); false when it ran a numbered version (`version` is its number), as deployed runs and re-runs of them do'),
  status: z.enum(executionStatuses),
  trigger: z.enum(executionTriggers),
  trigger_id: z.string().nullable().describe('the standing trigger (schedule, webhook, form) that started it'),
  input: z.json(),
  output: z.json().nullable(),
  error: executionErrorSchema.nullable(),
  ...runTiming,
  created_at: timestamp,
  usage: usageSchema.nullable().describe('tokens used by LLM and agent blocks, summed'),
  parent_execution_id: z.string().nullable().describe('the execution whose workflow block ran this one (a sub-workflow), else null'),
  parent_block_id: z.string().nullable(),
  waiting_on: z
    .array(z.object({ block_id: z.string(), message: z.string().nullable(), awaits_decision: z.boolean(), resume_at: timestamp.nullable() }))
    .nullable()
    .describe('while `waiting`: the blocks it waits at (an approval awaits a decision; a wait or a timeout resumes at `resume_at`)'),
  cost_usd: costSchema,
  queue_position: z
    .int()
    .min(1)
    .nullable()
    .describe('queue mode, while `queued`: its place in the queue of executions due for a worker (1 = the next one taken), else null'),
  source_execution_id: z
    .string()
    .nullable()
    .describe('the execution this one re-ran (POST .../rerun), or whose outputs a partial test run from the editor reused; else null'),
});

export const executionSchema = executionSummarySchema.extend({
  block_outputs: z.record(z.string(), z.json()).nullable(),
  reruns: z
    .array(z.object({ id: z.string(), status: z.enum(executionStatuses), created_at: timestamp }))
    .describe('the executions that re-ran this one (their `source_execution_id` is its id), newest first; at most 50'),
});

export const executionListSchema = pageSchema('executions', executionSummarySchema);

const blockLogSchema = z.object({
  block_id: z.string(),
  block_type: z.string(),
  block_name: z.string().nullable(),
  status: z.enum(['success', 'error', 'skipped']),
  input: z.json().nullable(),
  output: z.json().nullable(),
  error: z.object({ message: z.string(), code: z.string() }).nullable(),
  ...runTiming,
  execution_order: z.number().int(),
  attempts: z.number().int(),
  usage: usageSchema.nullable(),
  cost_usd: costSchema,
  console: z.array(z.object({ level: z.string(), message: z.string(), at: timestamp })),
  iteration: z.array(z.number().int()).nullable().describe('inside loops: the iteration indexes, outermost first; null outside any loop'),
});

/** POST .../resume: the decision for an approval block the execution waits at. */
export const resumeInput = z.strictObject({
  block_id: z.string().min(1),
  decision: z.enum(['approved', 'rejected']),
  data: z.json().optional(),
});

/** POST /api/approvals/{token}: the decision a person makes on the page a signed approval link opens. */
export const approvalLinkDecision = z.strictObject({
  decision: z.enum(['approved', 'rejected']),
  comment: z.string().max(4000).optional().describe('recorded as the approval output\'s `data.comment`'),
});

export const approvalLinkResultSchema = z.object({
  execution_id: z.string(),
  block_id: z.string(),
  decision: z.enum(['approved', 'rejected']),
});

/** A link that lets whoever holds it approve or reject, without signing in, until it expires. */
export const approvalLinkSchema = z.object({ block_id: z.string(), url: z.string(), expires_at: timestamp });

export const blockLogsSchema = z.object({ block_logs: z.array(blockLogSchema) });

export type ExecutionView = z.infer<typeof executionSchema>;
export type ExecutionSummary = z.infer<typeof executionSummarySchema>;
export type BlockLogView = z.infer<typeof blockLogSchema>;
