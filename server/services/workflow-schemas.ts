import { z } from 'zod';
import { executionStatuses } from '@/lib/execution-states';
import { MAX_SEARCH_LENGTH } from '@/lib/search';
import { pageSchema, paginationQuery } from './pagination';
import { blockSchema, edgeSchema, graphSchema } from '@/lib/graph/schema';

// The API shapes of workflows: request bodies and queries validate with these, responses are described by them
// (OpenAPI is generated from this file), and tRPC procedures take the same inputs.

const workflowNameSchema = z.string().trim().min(1, 'Name is required').max(200, 'Name is at most 200 characters');
const workflowDescriptionSchema = z.string().max(5_000, 'Description is at most 5000 characters').nullable();

export const createWorkflowInput = z.strictObject({
  name: workflowNameSchema,
  description: workflowDescriptionSchema.optional(),
});

export const patchWorkflowInput = z.strictObject({
  name: workflowNameSchema.optional(),
  description: workflowDescriptionSchema.optional(),
});

export const listWorkflowsQuery = z.object({
  ...paginationQuery,
  /** Matches the name or the description, case-insensitively. */
  q: z.string().max(MAX_SEARCH_LENGTH).optional(),
  sort: z.enum(['updated', 'name', 'name-desc']).default('updated'),
});

export const putGraphInput = graphSchema;

/** Where every exported workflow says what it is, so an import can refuse files that are something else. */
export const EXPORT_FORMAT = 'weft.workflow';
export const EXPORT_FORMAT_VERSION = 1;

export const importWorkflowInput = z.object({
  format: z.literal(EXPORT_FORMAT).optional(),
  format_version: z
    .number()
    .int()
    .refine((v) => v <= EXPORT_FORMAT_VERSION, `format_version ${EXPORT_FORMAT_VERSION} or older is supported`)
    .optional(),
  name: workflowNameSchema,
  description: workflowDescriptionSchema.optional(),
  blocks: graphSchema.shape.blocks,
  edges: graphSchema.shape.edges,
});

const timestamp = z.iso.datetime();

const workflowSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  version: z.number().int(),
  deployed: z.boolean(),
  deployed_at: timestamp.nullable(),
  created_at: timestamp,
  updated_at: timestamp,
  block_count: z.number().int(),
  execution_count: z.number().int(),
  last_execution_at: timestamp.nullable(),
  last_execution_id: z.string().nullable(),
  last_execution_status: z.enum(executionStatuses).nullable(),
});

export const workflowSchema = workflowSummarySchema.extend({
  blocks: z.array(blockSchema),
  edges: z.array(edgeSchema),
});

export const workflowListSchema = pageSchema('workflows', workflowSummarySchema);

export const workflowExportSchema = importWorkflowInput.extend({
  format: z.literal(EXPORT_FORMAT),
  format_version: z.number().int(),
  exported_at: timestamp,
});

export type WorkflowSummary = z.infer<typeof workflowSummarySchema>;
export type WorkflowView = z.infer<typeof workflowSchema>;
