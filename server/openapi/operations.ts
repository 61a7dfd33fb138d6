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
import { budgetInput, budgetStatusSchema } from '../services/budget-schemas';
import { dashboardQuery, dashboardSchema } from '../services/dashboard-schemas';
import { armInput, armResultSchema, deployResultSchema, undeployResultSchema, versionListSchema, versionSchema, webhookResultSchema } from '../services/deployment-schemas';
import { mcpMessageSchema } from '../services/mcp-schemas';
import { mcpServerInput, mcpServerListSchema, mcpServerNameSchema, mcpServerSchema } from '../services/mcp-server-schemas';
import { createTriggerInput, triggerListSchema, triggerSchema, updateTriggerInput } from '../services/trigger-schemas';
import { formSubmission } from '../services/trigger-forms';
import { versionNumber } from '../services/version-param';
import {
  approvalLinkDecision,
  approvalLinkResultSchema,
  approvalLinkSchema,
  blockLogsSchema,
  executeInput,
  executionListSchema,
  executionSchema,
  listExecutionsQuery,
  rerunInput,
  resumeInput,
} from '../services/execution-schemas';

// Every REST operation of the contract, described with the same zod schemas that validate its requests. The
// OpenAPI document (GET /api/openapi.json) and the /docs page are generated from this list; a test checks that
// it names every route handler that exists.

export interface ResponseSpec {
  status: number;
  description: string;
  schema?: ZodType;
  /** A text/event-stream whose events carry ExecutionEvent data, instead of JSON. */
  eventStream?: true;
}

/** The groups of the reference, in its order; every operation names one, so a group is never left undescribed. */
export const operationTags = {
  Workflows: 'Create, read, change and delete workflows and their graphs.',
  Executions: 'Run workflows, follow their events and read their results and logs.',
  Deployment: 'Deploy a workflow as an immutable version, arm single-use webhooks and call them.',
  Triggers: 'Start a deployed workflow by itself: schedules, standing webhooks and hosted forms.',
  System: 'Health, this document, and the MCP server for AI agents.',
  Settings: 'Workspace settings scripts manage: the monthly budget and the MCP servers agent blocks take tools from.',
};

export interface Operation {
  /** The operationId: what generated clients and the docs call it. */
  id: string;
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  summary: string;
  description?: string;
  tag: keyof typeof operationTags;
  /** False for the few routes anyone may call. */
  auth: boolean;
  pathParams?: z.ZodObject;
  query?: z.ZodObject;
  headers?: Record<string, string>;
  body?: ZodType;
  /** An empty body counts as `{}`. */
  bodyOptional?: true;
  /** A typical body, for the docs' snippets and "try it" (must match `body`). */
  example?: unknown;
  success: ResponseSpec;
  /** Other answers that are not errors (202 of an async webhook call, 204 of an ended stream). */
  alternatives?: ResponseSpec[];
  errors: ErrorCode[];
  /**
   * False for the routes that answer without the database; every other one may answer `503 unavailable` with
   * `Retry-After` when the database cannot take the request (out of disk, connection lost).
   */
  database?: false;
}

const healthSchema = z.object({
  status: z.literal('ok'),
  database: z.enum(['pglite', 'postgres']),
  version: z.string(),
  mode: z.literal('queue').optional().describe('Present when `WEFT_EXECUTION_MODE=queue`: executions run in workers started by `npm run worker`'),
  queue_depth: z.int().min(0).optional().describe('Queue mode: executions waiting for a worker'),
  workers: z.int().min(0).optional().describe('Queue mode: workers seen alive'),
});
const healthUnavailableSchema = z.object({
  status: z.enum(['unavailable', 'starting']).describe('`starting`: migrations, the bootstrap key or recovery are still running'),
  database: z.enum(['pglite', 'postgres']).optional(),
  version: z.string().optional(),
  reason: z.string().optional().describe('why the database cannot be reached'),
});

const workflowId = z.object({ id: z.string().describe('The workflow id') });
const executionIds = workflowId.extend({ eid: z.string().describe('The execution id') });
const versionIds = workflowId.extend({ version: versionNumber.describe('The version number (1, 2, …)') });
const streamQuery = z.object({
  last_event_id: z.coerce.number().int().min(0).optional().describe('Like the Last-Event-ID header, for clients that cannot set headers'),
});
const webhookQuery = z.object({
  token: z.string().optional().describe('The webhook secret, when the caller cannot send `Authorization: Bearer <secret>`'),
  async: z.enum(['true', 'false']).optional().describe('`true`: answer 202 at once and run in the background'),
});
const triggerIds = workflowId.extend({ tid: z.string().describe('The trigger id') });
const formResultSchema = webhookResultSchema.extend({ error: z.object({ message: z.string(), block_id: z.string().nullable(), code: z.string() }).nullable() });
const hookDuplicateSchema = z.object({ execution_id: z.string(), duplicate: z.literal(true) });
const webhookAccepted = webhookResultSchema.pick({ execution_id: true }).extend({ status: z.literal('queued') });

const STREAM_DESCRIPTION = `Server-sent events (\`text/event-stream\`). The stream begins with \`retry: 3000\`; each event has an \`id\` (increasing by one within the execution), an \`event\` name equal to its \`type\`, and one \`ExecutionEvent\` as JSON \`data\`. It ends after \`done\` or \`error\`; \`: keepalive\` comments arrive every 15 s while idle.

Note for browser \`EventSource\` clients: the \`error\` event name is also EventSource's own connection-error event. Ours always carries \`data\` (\`{"type":"error","error","code",…}\`); the browser's has none (\`event.data === undefined\`), so check \`data\` before treating it as a failed execution. A reconnect sends \`Last-Event-ID\`; once the execution has ended and nothing is left to send, the server answers 204, which tells EventSource to stop.`;
const STREAM_RESPONSE: ResponseSpec = { status: 200, description: 'The event stream', eventStream: true };
/** input → code → output: the graph the getting-started guide on /docs and the graph body example of the document use. */
export const EXAMPLE_GRAPH = {
  blocks: [
    { id: 'input', type: 'input', config: {}, position: { x: 0, y: 0 } },
    { id: 'shout', type: 'code', config: { code: 'return input.text.toUpperCase() + "!"' }, position: { x: 240, y: 0 } },
    { id: 'output', type: 'output', config: { value: '{{shout}}' }, position: { x: 480, y: 0 } },
  ],
  edges: [
    { source: 'input', target: 'shout' },
    { source: 'shout', target: 'output' },
  ],
};
const WRITE_ERRORS: ErrorCode[] = ['validation_error', 'unauthorized', 'forbidden', 'payload_too_large'];

export const operations: Operation[] = [
  {
    id: 'getHealth',
    method: 'get',
    path: '/api/health',
    summary: 'Health of the server and its database',
    description: 'For load balancers and uptime checks; needs no credential.',
    tag: 'System',
    auth: false,
    success: { status: 200, description: 'The server and its database are up', schema: healthSchema },
    alternatives: [{ status: 503, description: 'Still starting, or the database cannot be reached', schema: healthUnavailableSchema }],
    errors: [],
    database: false,
  },
  {
    id: 'getOpenApiDocument',
    method: 'get',
    path: '/api/openapi.json',
    summary: 'This document',
    tag: 'System',
    auth: false,
    success: { status: 200, description: 'The OpenAPI 3.1 document of this API', schema: z.record(z.string(), z.unknown()) },
    errors: [],
    database: false,
  },
  {
    id: 'mcp',
    method: 'post',
    path: '/api/mcp',
    summary: 'Model Context Protocol server (Streamable HTTP)',
    description:
      "Point an MCP client at this URL with an API key (`Authorization: Bearer <api_key>`). Its tools are the workspace's deployed workflows: each tool's input schema comes from the workflow's input fields, and calling it runs the deployed version and returns the output (viewers may list but not call). Stateless: every message is a POST answered with JSON; there is no session and no GET stream.",
    tag: 'System',
    auth: true,
    body: mcpMessageSchema,
    example: { jsonrpc: '2.0', id: 1, method: 'tools/list' },
    success: { status: 200, description: 'The JSON-RPC response', schema: z.record(z.string(), z.unknown()) },
    alternatives: [{ status: 202, description: 'A notification was accepted (no response body)' }],
    errors: ['validation_error', 'unauthorized', 'payload_too_large'],
  },
  {
    id: 'listWorkflows',
    method: 'get',
    path: '/api/workflows',
    summary: 'List workflows',
    description: '`q` filters by name or description (case-insensitive); `sort` orders by last update (newest first, the default) or by name.',
    tag: 'Workflows',
    auth: true,
    query: listWorkflowsQuery,
    success: { status: 200, description: 'A page of workflow summaries', schema: workflowListSchema },
    errors: ['validation_error', 'unauthorized'],
  },
  {
    id: 'createWorkflow',
    method: 'post',
    path: '/api/workflows',
    summary: 'Create a workflow',
    description: 'The new workflow has an empty graph.',
    tag: 'Workflows',
    auth: true,
    body: createWorkflowInput,
    example: { name: 'Summarize support tickets', description: 'Reads a ticket and writes a two-line summary' },
    success: { status: 201, description: 'The created workflow', schema: workflowSchema },
    errors: WRITE_ERRORS,
  },
  {
    id: 'importWorkflow',
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
    id: 'getWorkflow',
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
    id: 'updateWorkflow',
    method: 'patch',
    path: '/api/workflows/{id}',
    summary: 'Rename or redescribe a workflow',
    tag: 'Workflows',
    auth: true,
    pathParams: workflowId,
    body: patchWorkflowInput,
    example: { name: 'Summarize tickets (v2)' },
    success: { status: 200, description: 'The updated workflow', schema: workflowSchema },
    errors: [...WRITE_ERRORS, 'workflow_not_found', 'already_deployed'],
  },
  {
    id: 'deleteWorkflow',
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
    id: 'replaceGraph',
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
    example: EXAMPLE_GRAPH,
    success: { status: 200, description: 'The workflow with its new graph and version', schema: workflowSchema },
    errors: [...WRITE_ERRORS, 'invalid_graph', 'workflow_not_found', 'already_deployed', 'version_conflict'],
  },
  {
    id: 'exportWorkflow',
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
    id: 'executeWorkflow',
    method: 'post',
    path: '/api/workflows/{id}/execute',
    summary: 'Run the workflow and wait for the result',
    description:
      'Runs the current graph with `{"input": {...}}` (`variables` is accepted as an alias; an empty body is `{}`). A failed block does not fail the HTTP call: the execution has status "failed" and an error.',
    tag: 'Executions',
    auth: true,
    pathParams: workflowId,
    body: executeInput,
    example: { input: { text: 'Hello' } },
    bodyOptional: true,
    success: { status: 200, description: 'The finished execution', schema: executionSchema },
    errors: [...WRITE_ERRORS, 'invalid_graph', 'workflow_not_found', 'rate_limited'],
  },
  {
    id: 'executeWorkflowStream',
    method: 'post',
    path: '/api/workflows/{id}/execute/stream',
    summary: 'Run the workflow and stream its events',
    description: `Same body as execute; the \`X-Execution-Id\` response header names the new execution.\n\n${STREAM_DESCRIPTION}`,
    tag: 'Executions',
    auth: true,
    pathParams: workflowId,
    body: executeInput,
    example: { input: { text: 'Hello' } },
    bodyOptional: true,
    success: STREAM_RESPONSE,
    errors: [...WRITE_ERRORS, 'invalid_graph', 'workflow_not_found', 'rate_limited'],
  },
  {
    id: 'listExecutions',
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
    id: 'getDashboard',
    method: 'get',
    path: '/api/dashboard',
    summary: "The workspace's runs, failures, durations, tokens and cost over time",
    description:
      'Computed over the executions created in the range (`24h` by UTC hour, `7d` and `30d` by calendar day in `time_zone`, UTC by default), for the whole workspace or one workflow: totals, one entry per hour or day (empty ones included), figures per workflow, and the monthly budget with what was spent this month. `failure_rate` is failed ÷ ended runs; `p50_ms`/`p95_ms` are interpolated percentiles of ended runs; runs whose `cost_usd` is unknown add nothing to `cost_usd`.',
    tag: 'Executions',
    auth: true,
    query: dashboardQuery,
    success: { status: 200, description: 'The figures', schema: dashboardSchema },
    errors: ['validation_error', 'unauthorized', 'workflow_not_found'],
  },
  {
    id: 'getExecution',
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
    id: 'getExecutionLogs',
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
    id: 'streamExecution',
    method: 'get',
    path: '/api/workflows/{id}/executions/{eid}/stream',
    summary: "Replay and follow an execution's events",
    description: `Replays what happened so far (after \`Last-Event-ID\`) and continues live until the execution ends.\n\n${STREAM_DESCRIPTION}`,
    tag: 'Executions',
    auth: true,
    pathParams: executionIds,
    query: streamQuery,
    headers: { 'Last-Event-ID': 'Optional: the id of the last event received; only later events are sent' },
    success: STREAM_RESPONSE,
    alternatives: [{ status: 204, description: 'The execution has ended and Last-Event-ID is at or past its last event: nothing more will come' }],
    errors: ['unauthorized', 'workflow_not_found', 'execution_not_found'],
  },
  {
    id: 'cancelExecution',
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
    id: 'resumeExecution',
    method: 'post',
    path: '/api/workflows/{id}/executions/{eid}/resume',
    summary: 'Approve or reject a waiting execution',
    description:
      'Records the decision at an approval block the execution waits at (status `waiting`); the decision becomes the block\'s output and the execution continues down the `approved` or `rejected` branch. Answers once the execution has ended or waits again. Not waiting there: 409 not_waiting.',
    tag: 'Executions',
    auth: true,
    pathParams: executionIds,
    body: resumeInput,
    success: { status: 200, description: 'The execution after the decision', schema: executionSchema },
    errors: ['validation_error', 'unauthorized', 'forbidden', 'workflow_not_found', 'execution_not_found', 'not_waiting', 'payload_too_large'],
  },
  {
    id: 'listApprovalLinks',
    method: 'get',
    path: '/api/workflows/{id}/executions/{eid}/approval-links',
    summary: 'Signed approve/reject links',
    description:
      'For each approval block a `waiting` execution waits at: a link to paste into email or chat. Whoever opens it sees a page with Approve and Reject (opening it decides nothing) and may decide without signing in, recorded as `by: "link"`. A link works until the approval\'s timeout, or for 7 days. Editors and owners only, as the link decides like they do. Empty when the execution waits for no decision.',
    tag: 'Executions',
    auth: true,
    pathParams: executionIds,
    success: { status: 200, description: 'The links', schema: z.object({ approval_links: z.array(approvalLinkSchema) }) },
    errors: ['unauthorized', 'forbidden', 'workflow_not_found', 'execution_not_found'],
  },
  {
    id: 'decideByApprovalLink',
    method: 'post',
    path: '/api/approvals/{token}',
    summary: 'Approve or reject through a signed link',
    description:
      'What the page at `/approve/{token}` sends. No credential: the signed token (it names the execution, the block and an expiry) is one. Records the decision like POST .../resume with `by: "link"` and the comment as `data.comment`, and answers at once while the execution runs on. Decided already: 409 not_waiting; altered, expired or unknown: 403 approval_link_invalid.',
    tag: 'Executions',
    auth: false,
    pathParams: z.object({ token: z.string().describe('The token of the link') }),
    body: approvalLinkDecision,
    example: { decision: 'approved', comment: 'Fine by me' },
    success: { status: 200, description: 'The decision was recorded', schema: approvalLinkResultSchema },
    errors: ['validation_error', 'approval_link_invalid', 'not_waiting', 'payload_too_large'],
  },
  {
    id: 'rerunExecution',
    method: 'post',
    path: '/api/workflows/{id}/executions/{eid}/rerun',
    summary: 'Re-run an execution, optionally with edited input',
    description:
      'Runs the execution again and waits, like execute: with its input or an edited `input` (checked against the chosen graph\'s typed input fields), on the graph exactly as it ran (`"version": "ran"`, the default) or on the current draft (`"draft"`). An empty body re-runs it as it was. The new execution names this one in `source_execution_id`, and this one lists it in `reruns`.',
    tag: 'Executions',
    auth: true,
    pathParams: executionIds,
    body: rerunInput,
    bodyOptional: true,
    example: { input: { text: 'Hello again' }, version: 'ran' },
    success: { status: 200, description: 'The finished re-run', schema: executionSchema },
    errors: [...WRITE_ERRORS, 'invalid_graph', 'workflow_not_found', 'execution_not_found', 'rate_limited'],
  },
  {
    id: 'deployWorkflow',
    method: 'post',
    path: '/api/workflows/{id}/deploy',
    summary: 'Deploy the workflow',
    description: 'Validates the graph and records it as an immutable, numbered version (1, 2, 3…; redeploying an unchanged draft reuses its number). Over this API a deployed workflow refuses graph changes until undeployed; the editor keeps a draft beside the deployed version.',
    tag: 'Deployment',
    auth: true,
    pathParams: workflowId,
    success: { status: 200, description: 'Deployed', schema: deployResultSchema },
    errors: ['unauthorized', 'forbidden', 'invalid_graph', 'workflow_not_found', 'already_deployed'],
  },
  {
    id: 'undeployWorkflow',
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
    id: 'armWebhook',
    method: 'post',
    path: '/api/workflows/{id}/arm',
    summary: 'Arm a single-use webhook',
    description:
      'Mints a new webhook id and secret (shown once) for the deployed version and revokes any earlier unconsumed webhook of the workflow. The body is optional. The secret is URL-safe, so `url?token=<secret>` works as shown.',
    tag: 'Deployment',
    auth: true,
    pathParams: workflowId,
    body: armInput,
    example: { ttl_seconds: 600 },
    bodyOptional: true,
    success: { status: 200, description: 'The armed webhook', schema: armResultSchema },
    errors: [...WRITE_ERRORS, 'workflow_not_found', 'not_deployed'],
  },
  {
    id: 'callWebhook',
    method: 'post',
    path: '/api/webhooks/{webhook_id}',
    summary: 'Call an armed webhook',
    description:
      'Runs the deployed version with the JSON body as input (a non-JSON body arrives as `{"body", "content_type"}`; a body sent as JSON must be valid JSON, else 400 and the webhook stays armed). No API key: authenticate with the webhook secret, as `Authorization: Bearer <secret>`, `?token=<secret>`, or Standard Webhooks headers (`webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<base64 HMAC-SHA256(secret, "{id}.{timestamp}.{body}")>`). The secret is checked before the single shot is consumed; repeated failed calls from one address answer 429.',
    tag: 'Deployment',
    auth: false,
    pathParams: z.object({ webhook_id: z.string().describe('The id returned by arm') }),
    query: webhookQuery,
    headers: {
      'webhook-id': 'Standard Webhooks: the message id',
      'webhook-timestamp': 'Standard Webhooks: unix seconds, at most 300 s off',
      'webhook-signature': 'Standard Webhooks: `v1,<base64 signature>`',
    },
    body: z.json(),
    example: { text: 'Hello from a webhook' },
    bodyOptional: true,
    success: { status: 200, description: 'The execution result', schema: webhookResultSchema },
    alternatives: [{ status: 202, description: 'With `?async=true`: accepted, running in the background', schema: webhookAccepted }],
    errors: ['validation_error', 'unauthorized', 'webhook_not_active', 'webhook_not_found', 'payload_too_large', 'rate_limited'],
  },
  {
    id: 'listTriggers',
    method: 'get',
    path: '/api/workflows/{id}/triggers',
    summary: "List a workflow's triggers",
    description: 'Schedules, standing webhooks and hosted forms. They fire the deployed version, and only while the workflow is deployed.',
    tag: 'Triggers',
    auth: true,
    pathParams: workflowId,
    success: { status: 200, description: 'The triggers, oldest first', schema: triggerListSchema },
    errors: ['unauthorized', 'workflow_not_found'],
  },
  {
    id: 'createTrigger',
    method: 'post',
    path: '/api/workflows/{id}/triggers',
    summary: 'Create a trigger',
    description:
      'Kinds: `schedule` `{cron (5 or 6 fields), timezone (IANA), overlap: skip|queue|allow, catch_up}`; `webhook` `{auth: bearer|standard_webhooks|hmac_sha256|github|stripe|none, mode: sync|async, signature_header}`; `form` `{access: public|workspace}`. A webhook\'s `secret` is in this response only.',
    tag: 'Triggers',
    auth: true,
    pathParams: workflowId,
    body: createTriggerInput,
    example: { kind: 'schedule', config: { cron: '0 9 * * 1-5', timezone: 'Europe/Berlin', overlap: 'skip' } },
    success: { status: 201, description: 'The new trigger', schema: triggerSchema },
    errors: [...WRITE_ERRORS, 'workflow_not_found'],
  },
  {
    id: 'updateTrigger',
    method: 'patch',
    path: '/api/workflows/{id}/triggers/{tid}',
    summary: 'Enable, disable or reconfigure a trigger',
    tag: 'Triggers',
    auth: true,
    pathParams: triggerIds,
    body: updateTriggerInput,
    example: { enabled: false },
    success: { status: 200, description: 'The trigger', schema: triggerSchema },
    errors: [...WRITE_ERRORS, 'workflow_not_found', 'trigger_not_found'],
  },
  {
    id: 'deleteTrigger',
    method: 'delete',
    path: '/api/workflows/{id}/triggers/{tid}',
    summary: 'Delete a trigger',
    tag: 'Triggers',
    auth: true,
    pathParams: triggerIds,
    success: { status: 204, description: 'Deleted' },
    errors: ['unauthorized', 'forbidden', 'workflow_not_found', 'trigger_not_found'],
  },
  {
    id: 'callStandingWebhook',
    method: 'post',
    path: '/api/hooks/{tid}',
    summary: 'Call a standing webhook',
    description:
      'Every authenticated call runs the deployed version with the JSON body as input. Authentication is the trigger\'s `auth`: `bearer` (`Authorization: Bearer <secret>` or `?token=`), `standard_webhooks` (`webhook-id`, `webhook-timestamp`, `webhook-signature`), `hmac_sha256` (hex HMAC-SHA256 of the body in `signature_header`, default `X-Signature-256`), `github` (`X-Hub-Signature-256: sha256=<hex>`), `stripe` (`Stripe-Signature: t=<unix>,v1=<hex HMAC of "{t}.{body}">`), or `none`. A delivery id (`webhook-id`, `X-GitHub-Delivery`, `Idempotency-Key`, `X-Delivery-Id`, or a Stripe event id) seen in the last 24 h answers `{"execution_id", "duplicate": true}` without running again.',
    tag: 'Triggers',
    auth: false,
    pathParams: z.object({ tid: z.string().describe('The trigger id') }),
    body: z.json(),
    example: { text: 'Hello from a webhook' },
    bodyOptional: true,
    success: { status: 200, description: 'Mode `sync`: the execution result, or a replayed delivery', schema: z.union([webhookResultSchema, hookDuplicateSchema]) },
    alternatives: [{ status: 202, description: 'Mode `async`: accepted, running in the background', schema: webhookAccepted }],
    errors: ['validation_error', 'unauthorized', 'webhook_not_active', 'trigger_not_found', 'payload_too_large', 'rate_limited'],
  },
  {
    id: 'submitForm',
    method: 'post',
    path: '/api/forms/{tid}',
    summary: 'Submit a hosted form',
    description:
      'What the page at `/forms/{tid}` sends: runs the deployed version with `{"input": {...}}` and waits. A `public` form needs no credential; a `workspace` form needs the session cookie of a member of its workspace, from this origin.',
    tag: 'Triggers',
    auth: false,
    pathParams: z.object({ tid: z.string().describe('The form trigger id') }),
    body: formSubmission,
    example: { input: { text: 'Hello' } },
    bodyOptional: true,
    success: { status: 200, description: 'The outcome', schema: formResultSchema },
    errors: ['validation_error', 'invalid_graph', 'unauthorized', 'forbidden', 'webhook_not_active', 'trigger_not_found', 'payload_too_large', 'rate_limited'],
  },
  {
    id: 'listVersions',
    method: 'get',
    path: '/api/workflows/{id}/versions',
    summary: 'List deployed versions',
    description: 'Every deploy of a changed draft, and every explicit "Save version" in the editor, records an immutable numbered version of the graph.',
    tag: 'Deployment',
    auth: true,
    pathParams: workflowId,
    success: { status: 200, description: 'Versions, newest first', schema: versionListSchema },
    errors: ['unauthorized', 'workflow_not_found'],
  },
  {
    id: 'getVersion',
    method: 'get',
    path: '/api/workflows/{id}/versions/{version}',
    summary: 'Get a version with its graph',
    tag: 'Deployment',
    auth: true,
    pathParams: versionIds,
    success: { status: 200, description: 'The version', schema: versionSchema },
    errors: ['validation_error', 'unauthorized', 'workflow_not_found', 'version_not_found'],
  },
  {
    id: 'restoreVersion',
    method: 'post',
    path: '/api/workflows/{id}/versions/{version}/restore',
    summary: 'Restore a version into the draft',
    description: "Replaces the draft graph with the version's graph (a new draft revision); a deployed workflow keeps running its deployed version.",
    tag: 'Deployment',
    auth: true,
    pathParams: versionIds,
    success: { status: 200, description: 'The workflow with the restored graph', schema: workflowSchema },
    errors: ['validation_error', 'unauthorized', 'forbidden', 'workflow_not_found', 'version_not_found'],
  },
  {
    id: 'getWorkspaceBudget',
    method: 'get',
    path: '/api/workspace/budget',
    summary: "The workspace's monthly budget and this month's spending",
    description: 'What the blocks of this UTC calendar month cost against the amount set, and where that stands (the level the dashboard and the run panel show).',
    tag: 'Settings',
    auth: true,
    success: { status: 200, description: 'The budget (null when none is set) and the spending', schema: budgetStatusSchema },
    errors: ['unauthorized'],
  },
  {
    id: 'putWorkspaceBudget',
    method: 'put',
    path: '/api/workspace/budget',
    summary: 'Set the monthly budget',
    description: 'Owners only. Past `warn_percent` of the amount the dashboard and the run panel warn; with `stop_llm_calls`, LLM and agent blocks fail with `budget_exceeded` once the amount is reached.',
    tag: 'Settings',
    auth: true,
    body: budgetInput,
    example: { monthly_usd: 50, warn_percent: 80, stop_llm_calls: true },
    success: { status: 200, description: 'The budget as set, and the spending', schema: budgetStatusSchema },
    errors: WRITE_ERRORS,
  },
  {
    id: 'deleteWorkspaceBudget',
    method: 'delete',
    path: '/api/workspace/budget',
    summary: 'Remove the monthly budget',
    description: 'Owners only. Model calls are no longer checked against a budget.',
    tag: 'Settings',
    auth: true,
    success: { status: 200, description: 'No budget (level `none`), and the spending', schema: budgetStatusSchema },
    errors: ['unauthorized', 'forbidden'],
  },
  {
    id: 'listMcpServers',
    method: 'get',
    path: '/api/mcp-servers',
    summary: "List the workspace's MCP servers",
    description: 'MCP servers whose tools agent blocks may use (an agent names them in `mcp_servers`). Credentials appear by name only.',
    tag: 'Settings',
    auth: true,
    success: { status: 200, description: 'The MCP servers, by name', schema: mcpServerListSchema },
    errors: ['unauthorized'],
  },
  {
    id: 'putMcpServer',
    method: 'put',
    path: '/api/mcp-servers/{name}',
    summary: 'Add or replace an MCP server',
    description:
      "Agents reach the URL over Streamable HTTP through the server's private-network guard: a private or loopback address is refused at connect time unless the server allows private networks. The credential's value is read from the workspace's credentials when an agent connects and is never shown or logged.",
    tag: 'Settings',
    auth: true,
    pathParams: z.object({ name: mcpServerNameSchema }),
    body: mcpServerInput,
    example: { url: 'https://mcp.example.com/mcp', credential: 'GITHUB_TOKEN' },
    success: { status: 200, description: 'The MCP server as saved', schema: mcpServerSchema },
    errors: WRITE_ERRORS,
  },
  {
    id: 'deleteMcpServer',
    method: 'delete',
    path: '/api/mcp-servers/{name}',
    summary: 'Remove an MCP server',
    description: 'Agent blocks that name it fail until it is added again.',
    tag: 'Settings',
    auth: true,
    pathParams: z.object({ name: z.string().describe('The MCP server name') }),
    success: { status: 204, description: 'Removed' },
    errors: ['unauthorized', 'forbidden', 'not_found'],
  },
];
