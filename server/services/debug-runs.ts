import { z } from 'zod';
import type { Graph } from '@/lib/graph/schema';
import { reachableFrom, upstreamOfBlock } from '@/lib/graph/topology';
import { requireRole, type Caller } from '../auth/caller';
import { getBlockDefinition } from '../blocks';
import { db } from '../db';
import { storableJson } from '../db/json';
import { env } from '../env';
import { ApiError } from '../errors';
import { draftSource, launchExecution } from './executions/launch';
import type { SettledBlock } from './executions/settled';
import { workflowNotFound } from './workflows';

// The editor's debug loop: outputs pinned per block, and partial test runs of the draft that reuse what is known
// (pins, typed sample data, the outputs of an earlier run) instead of running everything again. Only these runs
// read pins; deployed, API, webhook and scheduled runs never do.

const blockId = z.string().min(1).max(200);
const workflowRef = z.object({ workflow_id: z.string().min(1) });
export const pinInput = workflowRef.extend({ block_id: blockId, output: z.json() });
export const unpinInput = workflowRef.extend({ block_id: blockId });
export const debugRunInput = workflowRef.extend({
  /** all: the whole draft with pins; from: this block and what follows it; until: this block and what feeds it; block: only this block. */
  mode: z.enum(['all', 'from', 'until', 'block']),
  block_id: blockId.optional(),
  /** The run whose outputs are reused (and whose input is used when none is given); by default the latest. */
  execution_id: z.string().min(1).optional(),
  /** Typed outputs of upstream blocks, by block id (test one block); they win over pins and earlier outputs. */
  sample: z.record(z.string(), z.json()).optional(),
  input: z.record(z.string(), z.json()).optional(),
});

async function scopedWorkflow(caller: Caller, workflowId: string) {
  const prisma = await db();
  const workflow = await prisma.workflow.findFirst({ where: { id: workflowId, workspaceId: caller.workspaceId }, select: { id: true } });
  if (!workflow) throw workflowNotFound();
  return prisma;
}

export async function listPins(caller: Caller, workflowId: string): Promise<Record<string, unknown>> {
  const prisma = await scopedWorkflow(caller, workflowId);
  const pins = await prisma.blockPin.findMany({ where: { workflowId } });
  return Object.fromEntries(pins.map((pin) => [pin.blockId, pin.output]));
}

export async function pinOutput(caller: Caller, input: z.input<typeof pinInput>) {
  requireRole(caller, 'editor');
  const { workflow_id: workflowId, block_id: id, output } = pinInput.parse(input);
  const prisma = await scopedWorkflow(caller, workflowId);
  const stored = storableJson(output);
  await prisma.blockPin.upsert({ where: { workflowId_blockId: { workflowId, blockId: id } }, create: { workflowId, blockId: id, output: stored }, update: { output: stored } });
}

export async function unpinOutput(caller: Caller, input: z.input<typeof unpinInput>) {
  requireRole(caller, 'editor');
  const { workflow_id: workflowId, block_id: id } = unpinInput.parse(input);
  const prisma = await scopedWorkflow(caller, workflowId);
  await prisma.blockPin.deleteMany({ where: { workflowId, blockId: id } });
}

/** What an earlier run of this workflow recorded: its input and each block's settled outcome. */
async function earlierRun(caller: Caller, workflowId: string, executionId: string) {
  const prisma = await db();
  const execution = await prisma.execution.findFirst({
    where: { id: executionId, workflowId, workspaceId: caller.workspaceId },
    select: { input: true, blockLogs: { select: { blockId: true, status: true, output: true } } },
  });
  if (!execution) throw new ApiError('execution_not_found', 'No execution with that id under that workflow');
  const blocks = new Map<string, SettledBlock>();
  const note = `Output of execution ${executionId}`;
  for (const log of execution.blockLogs) {
    if (log.status === 'skipped') blocks.set(log.blockId, { status: 'skipped', output: null, note: `Skipped in execution ${executionId}` });
    else if (log.output !== null) blocks.set(log.blockId, { status: 'success', output: log.output, note });
  }
  return { input: execution.input as Record<string, unknown>, blocks };
}

async function latestExecutionId(workflowId: string): Promise<string | null> {
  const prisma = await db();
  const latest = await prisma.execution.findFirst({ where: { workflowId }, orderBy: { createdAt: 'desc' }, select: { id: true } });
  return latest?.id ?? null;
}

/** The blocks that run and the part of the graph they are in, for a mode and a block. */
function partOf(graph: Graph, mode: z.infer<typeof debugRunInput>['mode'], target: string | undefined) {
  if (mode === 'all') return { graph, runs: null };
  if (!target || !graph.blocks.some((b) => b.id === target)) throw new ApiError('validation_error', 'Name a block of the workflow (block_id)');
  if (mode === 'from') return { graph, runs: reachableFrom(graph, [target]) };
  const keep = new Set([...upstreamOfBlock(graph, target), target]);
  const part = { blocks: graph.blocks.filter((b) => keep.has(b.id)), edges: graph.edges.filter((e) => keep.has(e.source) && keep.has(e.target)) };
  return { graph: part, runs: mode === 'until' ? keep : new Set([target]) };
}

/** Starts a test run of the draft: pins apply everywhere (except the block tested); see debugRunInput. */
export async function startDebugRun(caller: Caller, body: z.input<typeof debugRunInput>): Promise<{ id: string; done: Promise<void> }> {
  requireRole(caller, 'editor');
  const request = debugRunInput.parse(body);
  const workflowId = request.workflow_id;
  const source = await draftSource(caller, workflowId);
  const pins = await listPins(caller, workflowId);
  const reusedId = request.execution_id ?? (request.mode === 'from' || request.mode === 'block' ? await latestExecutionId(workflowId) : null);
  const earlier = reusedId ? await earlierRun(caller, workflowId, reusedId) : null;
  const { graph, runs } = partOf(source.graph, request.mode, request.block_id);
  const settled: Record<string, SettledBlock> = {};
  for (const block of graph.blocks) {
    const id = block.id;
    if (request.mode === 'block' && id === request.block_id) continue;
    if (request.sample && id in request.sample) settled[id] = { status: 'success', output: request.sample[id], note: 'Sample data typed in the editor' };
    else if (id in pins) settled[id] = { status: 'success', output: pins[id], note: 'Pinned output' };
    else if (runs && !runs.has(id) && earlier?.blocks.has(id)) settled[id] = earlier.blocks.get(id)!;
    else if (request.mode === 'block' && getBlockDefinition(block.type)?.role !== 'entry') {
      throw new ApiError('validation_error', `No data for "${block.name ?? id}", which feeds this block: run the workflow once, pin its output or type sample data`);
    }
  }
  return launchExecution({
    workspaceId: caller.workspaceId,
    workflowId,
    source,
    trigger: 'manual',
    input: request.input ?? earlier?.input ?? {},
    capMs: env().WEFT_STREAM_EXECUTION_TIMEOUT_MS,
    partial: { graph, settled },
    sourceExecutionId: reusedId,
  });
}
