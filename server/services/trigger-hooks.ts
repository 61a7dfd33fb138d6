import { db } from '../db';
import { Prisma } from '../db/generated/client';
import { ApiError, unauthorized } from '../errors';
import { decryptSecret } from '../secrets/crypto';
import { authenticateHookCall, webhookTrigger, type HookCall } from '../triggers/webhook';
import type { Graph } from '@/lib/graph/schema';
import { getBlockDefinition } from '../blocks';
import { safeParseBlockConfig } from '../graph/config';
import { rowAfterRun } from './executions/reads';
import { launchFromTrigger, triggerNotFound } from './triggers';
import { storedGraph } from './workflows';
import { checkFailedAttemptRate, countFailedAttempt } from './webhook-attempts';
import { webhookInput } from './webhooks';

// POST /api/hooks/{id}: a standing webhook. The call is authenticated first (the failures rate-limited per address),
// then the deployed version runs with the body as input. A delivery id seen in the last 24 h answers with the
// execution it started instead of running again; the id is recorded in the transaction that records the execution,
// so of two concurrent deliveries of one id exactly one runs.

const REPLAY_WINDOW_MS = 24 * 60 * 60 * 1000;

export interface HookRequest extends HookCall {
  triggerId: string;
  sourceIp: string | null;
}

const notActive = () => new ApiError('webhook_not_active', 'This webhook is disabled, or its workflow is not deployed');

async function findHook(triggerId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(triggerId)) return null;
  const prisma = await db();
  return prisma.trigger.findFirst({
    where: { id: triggerId, kind: webhookTrigger.kind },
    include: { workflow: { include: { deployedVersion: true } } },
  });
}

/** The execution an earlier delivery with this id started within the replay window, if any. */
async function earlierDelivery(triggerId: string, deliveryId: string) {
  const prisma = await db();
  await prisma.triggerDelivery.deleteMany({ where: { triggerId, createdAt: { lt: new Date(Date.now() - REPLAY_WINDOW_MS) } } });
  return prisma.triggerDelivery.findUnique({ where: { triggerId_deliveryId: { triggerId, deliveryId } } });
}

const duplicate = (executionId: string) => ({ status: 200, body: { execution_id: executionId, duplicate: true as const }, headers: {} });

export async function callStandingWebhook(call: HookRequest) {
  const trigger = await findHook(call.triggerId);
  if (!trigger) throw triggerNotFound();
  checkFailedAttemptRate(trigger.id, call.sourceIp);
  const config = webhookTrigger.config.parse(trigger.config);
  const secret = { hash: trigger.secretHash, value: () => decryptSecret(trigger.secretEncrypted ?? '') };
  const auth = authenticateHookCall(call, config, secret);
  if (!auth.ok) {
    countFailedAttempt(trigger.id, call.sourceIp);
    throw unauthorized();
  }
  if (!trigger.enabled || !trigger.workflow.deployedVersion) throw notActive();
  const input = webhookInput(call.rawBody, call.headers.get('content-type'));
  const { deliveryId } = auth;
  if (deliveryId) {
    const earlier = await earlierDelivery(trigger.id, deliveryId);
    if (earlier) return duplicate(earlier.executionId);
  }
  let launched: Awaited<ReturnType<typeof launchFromTrigger>>;
  try {
    launched = await launchFromTrigger(
      trigger,
      input,
      deliveryId
        ? async (tx, executionId) => {
            await tx.triggerDelivery.create({ data: { triggerId: trigger.id, deliveryId, executionId } });
          }
        : undefined,
    );
  } catch (error) {
    // The same delivery arrived twice at once: the other one recorded it and runs.
    if (deliveryId && error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      const earlier = await earlierDelivery(trigger.id, deliveryId);
      if (earlier) return duplicate(earlier.executionId);
    }
    throw error;
  }
  const prisma = await db();
  await prisma.trigger.update({ where: { id: trigger.id }, data: { lastFiredAt: new Date() } });
  if (config.mode === 'async') return { status: 202, body: { execution_id: launched.id, status: 'queued' as const }, headers: {} };
  const execution = await rowAfterRun(launched.row, await launched.ended);
  const answer = execution.status === 'completed' ? chosenResponse(storedGraph(trigger.workflow.deployedVersion), execution.blockOutputs) : {};
  return {
    status: answer.status ?? 200,
    body: { execution_id: launched.id, status: execution.status, output: execution.output ?? null },
    headers: answer.headers ?? {},
  };
}

/** The status and headers the exit block that produced the result asks for (its `response` config), if any. */
function chosenResponse(graph: Graph, blockOutputs: unknown): { status?: number; headers?: Record<string, string> } {
  const ran = blockOutputs && typeof blockOutputs === 'object' ? Object.keys(blockOutputs) : [];
  for (const block of graph.blocks) {
    if (getBlockDefinition(block.type)?.role !== 'exit' || !ran.includes(block.id)) continue;
    const parsed = safeParseBlockConfig(block);
    const response = parsed.success ? (parsed.config.response as { status?: number; headers?: Record<string, string> } | undefined) : undefined;
    if (response) return response;
  }
  return {};
}
