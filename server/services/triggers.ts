import type { z } from 'zod';
import { requireRole, type Caller } from '../auth/caller';
import { db } from '../db';
import type { Prisma } from '../db/generated/client';
import { ApiError } from '../errors';
import { zodDetails } from '../http/respond';
import { encryptSecret, sha256Hex } from '../secrets/crypto';
import { getTriggerKind } from '../triggers/registry';
import type { TriggerKind } from '../triggers/types';
import { scheduleTrigger } from '../triggers/schedule';
import { createTriggerInput, schedulePreviewInput, updateTriggerInput, type TriggerView } from './trigger-schemas';
import { mintWebhookSecret } from './webhook-auth';
import { storedGraph, workflowNotFound } from './workflows';
import { launchExecution } from './executions/launch';
import { env } from '../env';

// Standing triggers of a workflow: created, enabled, changed and deleted by editors; they fire the deployed version
// only while the workflow is deployed (creating one on an undeployed workflow is allowed).

type TriggerRow = Prisma.TriggerGetPayload<object>;

export const triggerNotFound = () => new ApiError('trigger_not_found', 'No trigger with that id on that workflow');

const NEXT_RUNS = 5;

function nextRuns(kind: TriggerKind, config: Record<string, unknown>, from: Date, count: number): Date[] | null {
  return kind.fireTimes ? kind.fireTimes(config, from, count) : null;
}

function triggerView(row: TriggerRow, origin: string, secret?: string): TriggerView {
  const kind = getTriggerKind(row.kind)!;
  const config = row.config as Record<string, unknown>;
  return {
    id: row.id,
    kind: row.kind as TriggerView['kind'],
    enabled: row.enabled,
    config: config as TriggerView['config'],
    url: kind.path ? `${origin}${kind.path(row.id)}` : null,
    next_runs: nextRuns(kind, config, new Date(), NEXT_RUNS)?.map((date) => date.toISOString()) ?? null,
    last_fired_at: row.lastFiredAt?.toISOString() ?? null,
    created_at: row.createdAt.toISOString(),
    ...(secret === undefined ? {} : { secret }),
  };
}

async function findWorkflowId(caller: Caller, workflowId: string): Promise<string> {
  const prisma = await db();
  const workflow = await prisma.workflow.findFirst({ where: { id: workflowId, workspaceId: caller.workspaceId }, select: { id: true } });
  if (!workflow) throw workflowNotFound();
  return workflow.id;
}

async function findTrigger(caller: Caller, workflowId: string, triggerId: string): Promise<TriggerRow> {
  await findWorkflowId(caller, workflowId);
  const prisma = await db();
  const row = await prisma.trigger.findFirst({ where: { id: triggerId, workflowId, workspaceId: caller.workspaceId } });
  if (!row) throw triggerNotFound();
  return row;
}

/** The tick a schedule fires next; null for kinds that do not fire by time or a disabled trigger. */
function nextRunAt(kind: TriggerKind, config: Record<string, unknown>, enabled: boolean): Date | null {
  return enabled ? (nextRuns(kind, config, new Date(), 1)?.[0] ?? null) : null;
}

export async function listTriggers(caller: Caller, workflowId: string, origin: string) {
  await findWorkflowId(caller, workflowId);
  const prisma = await db();
  const rows = await prisma.trigger.findMany({ where: { workflowId, workspaceId: caller.workspaceId }, orderBy: { createdAt: 'asc' } });
  return { triggers: rows.map((row) => triggerView(row, origin)) };
}

export async function createTrigger(caller: Caller, workflowId: string, input: z.input<typeof createTriggerInput>, origin: string) {
  requireRole(caller, 'editor');
  const body = createTriggerInput.parse(input);
  await findWorkflowId(caller, workflowId);
  const kind = getTriggerKind(body.kind)!;
  const enabled = body.enabled ?? true;
  const secret = kind.secret ? mintWebhookSecret() : undefined;
  const prisma = await db();
  const row = await prisma.trigger.create({
    data: {
      workspaceId: caller.workspaceId,
      workflowId,
      kind: body.kind,
      enabled,
      config: body.config as Prisma.InputJsonObject,
      secretHash: secret ? sha256Hex(secret) : null,
      secretEncrypted: secret ? encryptSecret(secret) : null,
      nextRunAt: nextRunAt(kind, body.config, enabled),
    },
  });
  return triggerView(row, origin, secret);
}

export async function updateTrigger(caller: Caller, workflowId: string, triggerId: string, input: z.input<typeof updateTriggerInput>, origin: string) {
  requireRole(caller, 'editor');
  const patch = updateTriggerInput.parse(input);
  const row = await findTrigger(caller, workflowId, triggerId);
  const kind = getTriggerKind(row.kind)!;
  let config = row.config as Record<string, unknown>;
  if (patch.config) {
    const parsed = kind.config.safeParse(patch.config);
    if (!parsed.success) {
      throw new ApiError('validation_error', 'The config does not fit this kind of trigger', zodDetails(parsed.error).map((d) => ({ ...d, path: `config.${d.path}` })));
    }
    config = parsed.data;
  }
  const enabled = patch.enabled ?? row.enabled;
  const prisma = await db();
  const updated = await prisma.trigger.update({
    where: { id: row.id },
    data: { enabled, config: config as Prisma.InputJsonObject, nextRunAt: nextRunAt(kind, config, enabled) },
  });
  return triggerView(updated, origin);
}

export async function deleteTrigger(caller: Caller, workflowId: string, triggerId: string) {
  requireRole(caller, 'editor');
  const row = await findTrigger(caller, workflowId, triggerId);
  const prisma = await db();
  await prisma.trigger.delete({ where: { id: row.id } });
}

/** A trigger row with what it fires: its workflow's deployed version (null while undeployed). */
type FiringTrigger = TriggerRow & { workflow: { deployedVersion: Prisma.WorkflowVersionGetPayload<object> | null } };

/**
 * Starts a run of the deployed version for a trigger, recorded with its kind and id; `claim` runs in the transaction
 * that records the execution (a schedule's tick, a webhook's delivery id). Callers have checked the version exists.
 */
export function launchFromTrigger(
  trigger: FiringTrigger,
  input: Record<string, unknown>,
  claim?: (tx: Prisma.TransactionClient, executionId: string) => Promise<void>,
) {
  const version = trigger.workflow.deployedVersion!;
  return launchExecution({
    workspaceId: trigger.workspaceId,
    workflowId: trigger.workflowId,
    source: { graph: storedGraph(version), version: version.version, versionId: version.id },
    trigger: getTriggerKind(trigger.kind)!.executionTrigger,
    triggerId: trigger.id,
    input,
    capMs: env().WEFT_SYNC_EXECUTION_TIMEOUT_MS,
    claim,
  });
}

/** The next fire times of a cron expression as typed, before it is saved; a bad one is a validation_error. */
export function previewSchedule(input: z.input<typeof schedulePreviewInput>) {
  const parsed = scheduleTrigger.config.safeParse(schedulePreviewInput.parse(input));
  if (!parsed.success) throw new ApiError('validation_error', 'Not a valid schedule', zodDetails(parsed.error));
  return { next_runs: scheduleTrigger.fireTimes!(parsed.data, new Date(), NEXT_RUNS).map((date) => date.toISOString()) };
}
