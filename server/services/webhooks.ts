import { db } from '../db';
import type { Prisma } from '../db/generated/client';
import { ApiError, unauthorized } from '../errors';
import { decryptSecret } from '../secrets/crypto';
import { env } from '../env';
import { storableValue } from '../db/storable-text';
import { refuseUnstorableText } from '../http/body';
import { nestsDeeperThan, parseJsonText } from '../http/json-text';
import { launchExecution } from './executions/launch';
import { rowAfterRun } from './executions/reads';
import { checkExecutionRate } from './rate-limit';
import { storedGraph } from './workflows';
import { authenticateWebhookCall } from './webhook-auth';
import { checkFailedAttemptRate, countFailedAttempt, storedReason, storedSourceIp } from './webhook-attempts';

// POST /api/webhooks/{id}: the one unauthenticated door in. The secret is checked before anything else, so a
// wrong secret can never burn the single shot; consumption is one conditional UPDATE, so of any number of
// concurrent correct calls exactly one runs the deployed version. Every attempt is recorded.

export interface WebhookCall {
  webhookId: string;
  headers: Headers;
  url: URL;
  rawBody: string;
  sourceIp: string | null;
  async: boolean;
}

const notActive = () => new ApiError('webhook_not_active', 'This webhook was already used, has expired, or its workflow was undeployed');

/**
 * The claim under way in this process for each webhook, resolving to whether it took the single shot. Calls racing
 * for one webhook wait for it here and are refused once it took the shot, instead of each opening a transaction
 * that can only fail: 100 calls at once queued for the pool's 10 connections, and under load waited past its
 * timeout. Across processes the conditional claim in the database still decides.
 */
const claims = new Map<string, Promise<boolean>>();

async function claimOnce<T>(webhookId: string, launch: () => Promise<T>): Promise<T> {
  for (let earlier = claims.get(webhookId); earlier; earlier = claims.get(webhookId)) {
    if (await earlier) throw notActive();
  }
  const attempt = launch();
  const took = attempt.then(() => true, () => false);
  claims.set(webhookId, took);
  // Later calls read the consumed webhook from the database before they get here.
  void took.then(() => claims.get(webhookId) === took && claims.delete(webhookId));
  return attempt;
}

const isJsonContentType = (contentType: string | null) => /^application\/([\w.+-]*\+)?json\s*(;|$)/i.test(contentType ?? '');

/**
 * The execution input: a JSON object body as is; anything else wrapped so the workflow still sees it. A body
 * that says it is JSON must be JSON (400 otherwise); text the database cannot hold is refused in JSON and
 * repaired (U+FFFD) in anything else.
 */
export function webhookInput(rawBody: string, contentType: string | null): Record<string, unknown> {
  if (rawBody.trim() === '') return {};
  let value: unknown;
  if (isJsonContentType(contentType)) {
    value = parseJsonText(rawBody);
    refuseUnstorableText(value);
  } else {
    try {
      value = nestsDeeperThan(rawBody) ? rawBody : JSON.parse(rawBody);
    } catch {
      value = rawBody;
    }
    value = storableValue(value).value;
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  return { body: value, content_type: contentType };
}

export async function triggerWebhook(call: WebhookCall) {
  const prisma = await db();
  const webhook = /^[0-9a-f-]{36}$/i.test(call.webhookId)
    ? await prisma.webhook.findUnique({ where: { id: call.webhookId }, include: { workflow: true, version: true } })
    : null;
  if (!webhook) throw new ApiError('webhook_not_found', 'No webhook with that id');

  checkFailedAttemptRate(webhook.id, call.sourceIp);
  const record = async (accepted: boolean, reason: string, executionId: string | null = null) => {
    if (!accepted) countFailedAttempt(webhook.id, call.sourceIp);
    await prisma.webhookAttempt.create({
      data: { webhookId: webhook.id, accepted, reason: storedReason(reason), sourceIp: storedSourceIp(call.sourceIp), executionId },
    });
  };

  const auth = authenticateWebhookCall(call.headers, call.url, call.rawBody, {
    secretHash: webhook.secretHash,
    secret: () => decryptSecret(webhook.secretEncrypted),
  });
  if (!auth.ok) {
    await record(false, auth.reason);
    throw unauthorized();
  }
  let input: Record<string, unknown>;
  try {
    input = webhookInput(call.rawBody, call.headers.get('content-type'));
  } catch (error) {
    await record(false, 'invalid_body');
    throw error;
  }
  const now = new Date();
  const stateProblem = webhook.revokedAt
    ? 'revoked'
    : webhook.consumedAt
      ? 'already_consumed'
      : webhook.expiresAt <= now
        ? 'expired'
        : webhook.workflow.deployedVersionId !== webhook.versionId
          ? 'not_deployed'
          : null;
  if (stateProblem) {
    await record(false, stateProblem);
    throw notActive();
  }
  try {
    await checkExecutionRate(webhook.workflow.workspaceId, { take: false });
  } catch (error) {
    await record(false, 'rate_limited');
    throw error;
  }

  // Consuming the single shot and recording the execution are one transaction: a crash between them can neither
  // burn the webhook without a run nor run it twice.
  let launched: Awaited<ReturnType<typeof launchExecution>>;
  try {
    launched = await claimOnce(webhook.id, () => launchExecution({
      workspaceId: webhook.workflow.workspaceId,
      workflowId: webhook.workflowId,
      source: { graph: storedGraph(webhook.version), version: webhook.version.version, versionId: webhook.versionId },
      trigger: 'webhook',
      input: input as Prisma.InputJsonObject,
      capMs: env().WEFT_SYNC_EXECUTION_TIMEOUT_MS,
      // A conditional UPDATE: a call racing the winner (only one per process gets here, see claimOnce) waits for the
      // winner's transaction and then sees its outcome, so a winner whose launch rolls back leaves the shot to it.
      claim: async (tx, id) => {
        const count = await tx.$executeRaw`
          UPDATE "Webhook" SET "consumedAt" = ${now}, "executionId" = ${id}
           WHERE "id" = ${webhook.id} AND "consumedAt" IS NULL AND "revokedAt" IS NULL AND "expiresAt" > ${now}`;
        if (count === 0) throw notActive();
      },
    }));
  } catch (error) {
    // The limit is counted again in the claim's transaction: another process may have taken the minute's last
    // execution since the pre-check.
    if (error instanceof ApiError && (error.code === 'webhook_not_active' || error.code === 'rate_limited')) {
      await record(false, error.code === 'rate_limited' ? 'rate_limited' : 'already_consumed');
    }
    throw error;
  }
  const executionId = launched.id;
  await record(true, `accepted (${auth.method})`, executionId);
  if (call.async) return { status: 202, body: { execution_id: executionId, status: 'queued' as const } };
  const execution = await rowAfterRun(launched.row, await launched.ended);
  return { status: 200, body: { execution_id: executionId, status: execution.status, output: execution.output ?? null } };
}
