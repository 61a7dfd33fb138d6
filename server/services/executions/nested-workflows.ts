import { db } from '../../db';
import type { StopReason } from '../../engine/run-graph';
import { getBlockDefinition } from '../../blocks';
import { BlockError, type SubWorkflowResult, type WorkflowToolInfo } from '../../blocks/run-context';
import type { SubWorkflowOptions } from '../../run-capabilities';
import { storedGraph } from '../workflows';
import { launchExecution, type GraphSource } from './launch';
import type { ExecutionJob } from './run';
import { executionRuntime } from './runtime';
import { waitsOf } from './waits';

// Workflows as agent tools: what an agent sees of another workflow of its workspace, and running it as part of
// the calling execution.

/** Agents may call workflows that call workflows, but not forever. */
const MAX_WORKFLOW_NESTING = 3;

/** A workflow as an agent tool: its name, description and the fields of its input block as parameters. */
export async function describeWorkflowTool(workspaceId: string, workflowId: string): Promise<WorkflowToolInfo | null> {
  const prisma = await db();
  const workflow = await prisma.workflow.findFirst({ where: { id: workflowId, workspaceId }, include: { deployedVersion: true } });
  if (!workflow) return null;
  const graph = storedGraph(workflow.deployedVersion ?? workflow);
  const input = graph.blocks.find((b) => getBlockDefinition(b.type)?.role === 'entry');
  const fields = Array.isArray(input?.config.fields) ? (input.config.fields as unknown as WorkflowToolInfo['fields']) : [];
  return { id: workflow.id, name: workflow.name, description: workflow.description, fields };
}

/**
 * Runs a workflow of the same workspace for an agent tool or a workflow block: the version asked for, else its
 * deployed version when it has one, else its draft. Cancelling the calling block cancels it too.
 */
export async function runNestedWorkflow(
  parent: ExecutionJob,
  workflowId: string,
  input: Record<string, unknown>,
  signal: AbortSignal,
  options: SubWorkflowOptions = {},
): Promise<SubWorkflowResult> {
  const depth = parent.depth + 1;
  if (depth > MAX_WORKFLOW_NESTING) {
    throw new BlockError(`Workflows may call other workflows at most ${MAX_WORKFLOW_NESTING} levels deep`, 'nesting_too_deep', false);
  }
  const prisma = await db();
  const workflow = await prisma.workflow.findFirst({ where: { id: workflowId, workspaceId: parent.workspaceId }, include: { deployedVersion: true } });
  if (!workflow) throw new BlockError(`There is no workflow ${workflowId} in this workspace`, 'workflow_not_found', false);
  const version = options.version === 'draft' ? null : workflow.deployedVersion;
  if (options.version === 'deployed' && !version) {
    throw new BlockError(`The workflow "${workflow.name}" is not deployed; deploy it or call its draft`, 'not_deployed', false);
  }
  const source: GraphSource = version
    ? { graph: storedGraph(version), version: version.version, versionId: version.id }
    : { graph: storedGraph(workflow), version: workflow.version, versionId: null };
  const parentLink = options.blockId ? { executionId: parent.executionId, blockId: options.blockId } : undefined;
  const { id, done } = await launchExecution({ workspaceId: parent.workspaceId, workflowId, source, trigger: 'api', input, capMs: parent.capMs, depth, parent: parentLink });
  const cancel = () => void executionRuntime().cancel(id, { code: 'cancelled', message: 'The calling block was stopped' } satisfies StopReason);
  signal.addEventListener('abort', cancel, { once: true });
  try {
    await done;
  } finally {
    signal.removeEventListener('abort', cancel);
  }
  const row = await prisma.execution.findUniqueOrThrow({ where: { id } });
  if (row.status === 'waiting') return cancelPausedChild(id, waitsOf(row));
  return { execution_id: id, status: row.status, output: row.output ?? null, error: (row.error ?? null) as SubWorkflowResult['error'] };
}

/**
 * A child that paused (an approval, a long wait) would resume with nobody waiting for it, as the caller cannot
 * pause in turn: it is cancelled, and the caller is told where it paused and what to do instead.
 */
async function cancelPausedChild(id: string, waits: readonly { block_id: string }[]): Promise<SubWorkflowResult> {
  const where = waits.map((wait) => `"${wait.block_id}"`).join(', ');
  const message = `It paused at ${where} (an approval or a long wait), which a workflow called by another cannot do, so it was cancelled. Put the approval or the wait in the calling workflow`;
  await executionRuntime().cancel(id, { code: 'cancelled', message });
  return { execution_id: id, status: 'cancelled', output: null, error: { message, block_id: waits[0]?.block_id ?? null, code: 'subworkflow_paused' } };
}
