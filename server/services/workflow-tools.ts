import { requireRole, type Caller } from '../auth/caller';
import { db } from '../db';
import { env } from '../env';
import { ApiError } from '../errors';
import { launchExecution } from './executions/launch';
import { storedGraph } from './workflows';

// The workspace's deployed workflows as tools (for the MCP server at /api/mcp): each tool's input schema comes
// from its input block's declared fields, and calling it runs the deployed version and waits for the output.

export interface WorkflowTool {
  name: string;
  title: string;
  description: string;
  inputSchema: { type: 'object'; properties?: Record<string, object>; required?: string[] };
  workflowId: string;
}

interface InputField {
  name: string;
  type?: string;
  required?: boolean;
  description?: string;
  enum?: unknown[];
  default?: unknown;
}

const FIELD_TYPES = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array']);

/** A tool name MCP clients accept (`[A-Za-z0-9_-]`, ≤ 64): the workflow's name, then its id for uniqueness. */
function toolName(name: string, id: string): string {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 40) || 'workflow';
  return `${slug}_${id.replace(/[^A-Za-z0-9]/g, '').slice(-12)}`;
}

/** The input block's `fields` as a JSON Schema object; any object when it declares none. */
function inputSchemaOf(fields: unknown): WorkflowTool['inputSchema'] {
  const declared = (Array.isArray(fields) ? fields : []).filter((field): field is InputField => typeof field?.name === 'string');
  if (declared.length === 0) return { type: 'object' };
  const properties = Object.fromEntries(
    declared.map((field) => [
      field.name,
      {
        ...(field.type && FIELD_TYPES.has(field.type) ? { type: field.type } : {}),
        ...(field.description ? { description: field.description } : {}),
        ...(field.enum ? { enum: field.enum } : {}),
        ...(field.default !== undefined ? { default: field.default } : {}),
      },
    ]),
  );
  const required = declared.filter((field) => field.required).map((field) => field.name);
  return { type: 'object', properties, ...(required.length ? { required } : {}) };
}

export async function listWorkflowTools(caller: Caller): Promise<WorkflowTool[]> {
  const prisma = await db();
  const workflows = await prisma.workflow.findMany({
    where: { workspaceId: caller.workspaceId, deployedVersionId: { not: null } },
    include: { deployedVersion: true },
    orderBy: { name: 'asc' },
  });
  return workflows.flatMap((workflow) => {
    if (!workflow.deployedVersion) return [];
    const input = storedGraph(workflow.deployedVersion).blocks.find((block) => block.type === 'input');
    return [
      {
        name: toolName(workflow.name, workflow.id),
        title: workflow.name,
        description: workflow.description || `Runs the deployed workflow "${workflow.name}" and returns its output.`,
        inputSchema: inputSchemaOf(input?.config.fields),
        workflowId: workflow.id,
      },
    ];
  });
}

/** Runs the deployed version behind a tool and waits for it to end. */
export async function callWorkflowTool(caller: Caller, name: string, args: Record<string, unknown>) {
  requireRole(caller, 'editor');
  const tool = (await listWorkflowTools(caller)).find((candidate) => candidate.name === name);
  if (!tool) throw new ApiError('workflow_not_found', `No deployed workflow is offered as the tool "${name}"`);
  const prisma = await db();
  const workflow = await prisma.workflow.findFirst({ where: { id: tool.workflowId, workspaceId: caller.workspaceId }, include: { deployedVersion: true } });
  const version = workflow?.deployedVersion;
  if (!version) throw new ApiError('not_deployed', `The workflow behind "${name}" is no longer deployed`);
  const { id, done } = await launchExecution({
    workspaceId: caller.workspaceId,
    workflowId: tool.workflowId,
    source: { graph: storedGraph(version), version: version.version, versionId: version.id },
    trigger: 'api',
    input: args,
    capMs: env().WEFT_SYNC_EXECUTION_TIMEOUT_MS,
  });
  await done;
  const row = await prisma.execution.findUniqueOrThrow({ where: { id } });
  return { execution_id: id, status: row.status, output: row.output ?? null, error: row.error as { message: string; code: string } | null };
}
