import { z } from 'zod';
import { executionStatuses } from '@/lib/execution-states';
import { graphSchema } from '@/lib/graph/schema';

export const armInput = z.strictObject({
  ttl_seconds: z.number().int().min(1, 'ttl_seconds must be at least 1').max(86_400, 'ttl_seconds must be at most 86400').default(600),
});

const timestamp = z.iso.datetime();

export const deployResultSchema = z.object({ deployed: z.literal(true), deployed_at: timestamp, version: z.number().int() });
export const saveVersionInput = z.strictObject({ note: z.string().trim().max(500).nullable().default(null) });
export const undeployResultSchema = z.object({ deployed: z.literal(false) });
export const armResultSchema = z.object({
  webhook_id: z.string(),
  secret: z
    .string()
    .describe('Shown once. URL-safe (letters and digits after `whsec_`), and valid base64 for Standard Webhooks signatures')
    .meta({ examples: ['whsec_9fK2mQ7xLp4RtZ8vB1nW3cY6hJ0sD5gA2eU7iO4kM1qT'] }),
  url: z
    .string()
    .describe('Where to POST. Callers that cannot send headers append `?token=<secret>` exactly as shown (e.g. `…/api/webhooks/cmhk2v9xq0001abcd1234efgh?token=whsec_9fK2…`): the secret needs no encoding')
    .meta({ examples: ['http://localhost:3000/api/webhooks/cmhk2v9xq0001abcd1234efgh'] }),
  expires_at: timestamp,
});
export const webhookResultSchema = z.object({
  execution_id: z.string(),
  status: z.enum(executionStatuses),
  output: z.json().nullable().optional(),
});

const versionSummarySchema = z.object({
  version: z.number().int().describe('1, 2, 3… per workflow: each deploy of a changed draft and each explicit save adds one'),
  note: z.string().nullable().describe('what was written when the version was saved'),
  name: z.string(),
  description: z.string().nullable(),
  block_count: z.number().int(),
  created_at: timestamp,
  created_by: z.string().nullable(),
  deployed: z.boolean().describe('this is the version currently deployed'),
});
export const versionListSchema = z.object({ versions: z.array(versionSummarySchema) });
export const versionSchema = versionSummarySchema.extend({ blocks: graphSchema.shape.blocks, edges: graphSchema.shape.edges });
