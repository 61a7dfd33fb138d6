import { z, type ZodType } from 'zod';
import type { ErrorCode } from '../errors';
import {
  createWorkflowInput,
  importWorkflowInput,
  listWorkflowsQuery,
  patchWorkflowInput,
  putGraphInput,
  workflowExportSchema,
  workflowListSchema,
  workflowSchema,
} from '../services/workflow-schemas';
import { armInput, armResultSchema, deployResultSchema, undeployResultSchema, versionListSchema, versionSchema, webhookResultSchema } from '../services/deployment-schemas';
import { blockLogsSchema, executeInput, executionListSchema, executionSchema, listExecutionsQuery } from '../services/execution-schemas';

// Every REST operation of the contract, described with the same zod schemas that validate its requests. The
// OpenAPI document (GET /api/openapi.json) and the /docs page are generated from this list; a test checks that
// it names every route handler that exists.

export interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  summary: string;
  description?: string;
  tag: string;
  /** False for the few routes anyone may call. */
  auth: boolean;
  pathParams?: Record<string, string>;
  query?: z.ZodObject;
  headers?: Record<string, string>;
  body?: ZodType;
  success: { status: number; description: string; schema?: ZodType };
  errors: ErrorCode[];
}

const healthSchema = z.object({
  status: z.enum(['ok', 'unavailable', 'starting']).describe('starting (with 503) until migrations, the bootstrap key and recovery are done'),
  database: z.enum(['pglite', 'postgres']),
  version: z.string(),
  reason: z.string().optional().describe('why the database cannot be reached'),
});

const workflowId = { id: 'The workflow id' };
const executionIds = { id: 'The workflow id', eid: 'The execution id' };
const SSE_DESCRIPTION =
  'text/event-stream of execution events (execution_start, block_start, block_chunk, block_log, block_complete, block_error, block_skipped, done, error), each with an increasing `id`; `: keepalive` every 15 s while idle';
const WRITE_ERRORS: ErrorCode[] = ['validation_error', 'unauthorized', 'forbidden', 'payload_too_large'];

export const operations: Operation[] = [
  {
    method: 'get',
    path: '/api/health',
    summary: 'Health of the server and its database',
    tag: 'System',
    auth: false,
    success: { status: 200, description: 'The server and its database are up', schema: healthSchema },
    errors: [],
  },
  {
    method: 'get',
    path: '/api/openapi.json',
    summary: 'This document',
    tag: 'System',
    auth: false,
    success: { status: 200, description: 'The OpenAPI 3.1 document of this API', schema: z.record(z.string(), z.unknown()) },
    errors: [],
  },
  {
    method: 'get',
    path: '/api/workflows',
    summary: 'List workflows',
    description: 'Newest updated first; `q` filters by name (case-insensitive).',
    tag: 'Workflows',
    auth: true,
    query: listWorkflowsQuery,
    success: { status: 200, description: 'A page of workflow summaries', schema: workflowListSchema },
    errors: ['validation_error', 'unauthorized'],
  },
  {
    method: 'post',
    path: '/api/workflows',
    summary: 'Create a workflow',
    description: 'The new workflow has an empty graph.',
    tag: 'Workflows',
    auth: true,
    body: createWorkflowInput,
    success: { status: 201, description: 'The created workflow', schema: workflowSchema },
    errors: WRITE_ERRORS,
  },
  {
    method: 'post',
    path: '/api/workflows/import',
    summary: 'Import a workflow',
    description: 'Creates a workflow from a document made by the export route; the graph must be valid.',
    tag: 'Workflows',
    auth: true,
    body: importWorkflowInput,
    success: { status: 201, description: 'The imported workflow', schema: workflowSchema },
    errors: [...WRITE_ERRORS, 'invalid_graph'],
  },
  {
    method: 'get',
    path: '/api/workflows/{id}',
    summary: 'Get a workflow with its graph',
    tag: 'Workflows',
    auth: true,
    pathParams: workflowId,
    success: { status: 200, description: 'The workflow; the ETag header carries its version', schema: workflowSchema },
    errors: ['unauthorized', 'workflow_not_found'],
  },
  {
    method: 'patch',
    path: '/api/workflows/{id}',
    summary: 'Rename or redescribe a workflow',
    tag: 'Workflows',
    auth: true,
    pathParams: workflowId,
    body: patchWorkflowInput,
    success: { status: 200, description: 'The updated workflow', schema: workflowSchema },
    errors: [...WRITE_ERRORS, 'workflow_not_found', 'already_deployed'],
  },
  {
    method: 'delete',
    path: '/api/workflows/{id}',
    summary: 'Delete a workflow',
    description: 'Its executions, logs and webhooks go with it.',
    tag: 'Workflows',
    auth: true,
    pathParams: workflowId,
    success: { status: 204, description: 'Deleted' },
    errors: ['unauthorized', 'forbidden', 'workflow_not_found', 'already_deployed'],
  },
  {
    method: 'put',
    path: '/api/workflows/{id}/graph',
    summary: 'Replace the graph',
    description:
      'Replaces the whole graph atomically and increments `version`. An invalid graph is rejected with every problem listed and nothing is saved.',
    tag: 'Workflows',
    auth: true,
    pathParams: workflowId,
    headers: { 'If-Match': 'Optional: the version the client last saw, e.g. "3"; a stale one answers 409 version_conflict' },
    body: putGraphInput,
    success: { status: 200, description: 'The workflow with its new graph and version', schema: workflowSchema },
    errors: [...WRITE_ERRORS, 'invalid_graph', 'workflow_not_found', 'already_deployed', 'version_conflict'],
  },
  {
    method: 'get',
    path: '/api/workflows/{id}/export',
    summary: 'Export a workflow as a self-contained document',
    tag: 'Workflows',
    auth: true,
    pathParams: workflowId,
    success: { status: 200, description: 'The export document', schema: workflowExportSchema },
    errors: ['unauthorized', 'workflow_not_found'],
  },
  {
    method: 'post',
    path: '/api/workflows/{id}/execute',
    summary: 'Run the workflow and wait for the result',
    description: 'Runs the current graph. A failed block does not fail the HTTP call: the execution has status "failed" and an error.',
    tag: 'Executions',
    auth: true,
    pathParams: workflowId,
    body: executeInput,
    success: { status: 200, description: 'The finished execution', schema: executionSchema },
    errors: [...WRITE_ERRORS, 'invalid_graph', 'workflow_not_found', 'rate_limited'],
  },
  {
    method: 'post',
    path: '/api/workflows/{id}/execute/stream',
    summary: 'Run the workflow and stream its events',
    tag: 'Executions',
    auth: true,
    pathParams: workflowId,
    body: executeInput,
    success: { status: 200, description: SSE_DESCRIPTION },
    errors: [...WRITE_ERRORS, 'invalid_graph', 'workflow_not_found', 'rate_limited'],
  },
  {
    method: 'get',
    path: '/api/workflows/{id}/executions',
    summary: 'List executions of a workflow',
    description: 'Newest first, without block outputs.',
    tag: 'Executions',
    auth: true,
    pathParams: workflowId,
    query: listExecutionsQuery,
    success: { status: 200, description: 'A page of executions', schema: executionListSchema },
    errors: ['validation_error', 'unauthorized', 'workflow_not_found'],
  },
  {
    method: 'get',
    path: '/api/workflows/{id}/executions/{eid}',
    summary: 'Get an execution',
    tag: 'Executions',
    auth: true,
    pathParams: executionIds,
    success: { status: 200, description: 'The execution with its block outputs', schema: executionSchema },
    errors: ['unauthorized', 'workflow_not_found', 'execution_not_found'],
  },
  {
    method: 'get',
    path: '/api/workflows/{id}/executions/{eid}/logs',
    summary: "Get an execution's block logs",
    tag: 'Executions',
    auth: true,
    pathParams: executionIds,
    success: { status: 200, description: 'Block logs in execution order', schema: blockLogsSchema },
    errors: ['unauthorized', 'workflow_not_found', 'execution_not_found'],
  },
  {
    method: 'get',
    path: '/api/workflows/{id}/executions/{eid}/stream',
    summary: "Replay and follow an execution's events",
    description: 'Replays what happened so far (after the Last-Event-ID header, or ?last_event_id=) and continues live until the execution ends.',
    tag: 'Executions',
    auth: true,
    pathParams: executionIds,
    headers: { 'Last-Event-ID': 'Optional: the id of the last event received; only later events are sent' },
    success: { status: 200, description: SSE_DESCRIPTION },
    errors: ['unauthorized', 'workflow_not_found', 'execution_not_found'],
  },
  {
    method: 'post',
    path: '/api/workflows/{id}/executions/{eid}/cancel',
    summary: 'Cancel a running execution',
    description: 'Running blocks are aborted. An execution that has already ended answers 409 execution_finished.',
    tag: 'Executions',
    auth: true,
    pathParams: executionIds,
    success: { status: 200, description: 'The cancelled execution', schema: executionSchema },
    errors: ['unauthorized', 'forbidden', 'workflow_not_found', 'execution_not_found', 'execution_finished'],
  },
  {
    method: 'post',
    path: '/api/workflows/{id}/deploy',
    summary: 'Deploy the workflow',
    description: 'Validates the graph and records it as an immutable version; a deployed workflow refuses changes until undeployed.',
    tag: 'Deployment',
    auth: true,
    pathParams: workflowId,
    success: { status: 200, description: 'Deployed', schema: deployResultSchema },
    errors: ['unauthorized', 'forbidden', 'invalid_graph', 'workflow_not_found', 'already_deployed'],
  },
  {
    method: 'post',
    path: '/api/workflows/{id}/undeploy',
    summary: 'Undeploy the workflow',
    description: 'Disarms any armed webhook.',
    tag: 'Deployment',
    auth: true,
    pathParams: workflowId,
    success: { status: 200, description: 'Undeployed', schema: undeployResultSchema },
    errors: ['unauthorized', 'forbidden', 'workflow_not_found', 'not_deployed'],
  },
  {
    method: 'post',
    path: '/api/workflows/{id}/arm',
    summary: 'Arm a single-use webhook',
    description: 'Mints a new webhook id and secret (shown once) for the deployed version and revokes any earlier unconsumed webhook of the workflow. The body is optional.',
    tag: 'Deployment',
    auth: true,
    pathParams: workflowId,
    body: armInput,
    success: { status: 200, description: 'The armed webhook', schema: armResultSchema },
    errors: [...WRITE_ERRORS, 'workflow_not_found', 'not_deployed'],
  },
  {
    method: 'post',
    path: '/api/webhooks/{webhook_id}',
    summary: 'Trigger a webhook',
    description:
      'Runs the deployed version with the JSON body as input (a non-JSON body arrives as {"body", "content_type"}; a body sent as JSON must be valid JSON, else 400 and the webhook stays armed). Repeated failed calls from one address answer 429. Authenticate with `Authorization: Bearer <secret>`, `?token=<secret>`, or Standard Webhooks headers (`webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<base64 HMAC-SHA256>`). Single use. `?async=true` answers 202 at once.',
    tag: 'Deployment',
    auth: false,
    pathParams: { webhook_id: 'The id returned by arm' },
    body: z.json(),
    success: { status: 200, description: 'The execution result (202 with status "queued" when ?async=true)', schema: webhookResultSchema },
    errors: ['validation_error', 'unauthorized', 'webhook_not_active', 'webhook_not_found', 'payload_too_large', 'rate_limited'],
  },
  {
    method: 'get',
    path: '/api/workflows/{id}/versions',
    summary: 'List deployed versions',
    tag: 'Deployment',
    auth: true,
    pathParams: workflowId,
    success: { status: 200, description: 'Versions, newest first', schema: versionListSchema },
    errors: ['unauthorized', 'workflow_not_found'],
  },
  {
    method: 'get',
    path: '/api/workflows/{id}/versions/{version}',
    summary: 'Get a deployed version with its graph',
    tag: 'Deployment',
    auth: true,
    pathParams: { id: 'The workflow id', version: 'The version number' },
    success: { status: 200, description: 'The version', schema: versionSchema },
    errors: ['validation_error', 'unauthorized', 'workflow_not_found', 'version_not_found'],
  },
  {
    method: 'post',
    path: '/api/workflows/{id}/versions/{version}/restore',
    summary: 'Restore a version into the draft',
    description: 'Replaces the draft graph with the version\'s graph (a new draft version); the workflow must not be deployed.',
    tag: 'Deployment',
    auth: true,
    pathParams: { id: 'The workflow id', version: 'The version number' },
    success: { status: 200, description: 'The workflow with the restored graph', schema: workflowSchema },
    errors: ['validation_error', 'unauthorized', 'forbidden', 'workflow_not_found', 'version_not_found', 'already_deployed'],
  },
];
