import type { z } from 'zod';
import { requireRole, type Caller } from '../auth/caller';
import { db } from '../db';
import type { Prisma } from '../db/generated/client';
import { ApiError } from '../errors';
import { InvalidGraphError } from '../graph/problems';
import { encryptSecret, sha256Hex } from '../secrets/crypto';
import { armInput } from './deployment-schemas';
import { workflowGraphProblems } from './graph-validation';
import { mintWebhookSecret } from './webhook-auth';
import { replaceGraph, storedGraph, workflowNotFound } from './workflows';

// Deploying freezes the current graph as an immutable version; webhooks run that version. A deployed workflow
// refuses changes until it is undeployed, which also disarms its webhook.

const notDeployed = () => new ApiError('not_deployed', 'The workflow is not deployed; deploy it first');

async function findWorkflow(caller: Caller, id: string) {
  const prisma = await db();
  const workflow = await prisma.workflow.findFirst({ where: { id, workspaceId: caller.workspaceId }, include: { deployedVersion: true } });
  if (!workflow) throw workflowNotFound();
  return workflow;
}

export async function deployWorkflow(caller: Caller, workflowId: string) {
  requireRole(caller, 'editor');
  const workflow = await findWorkflow(caller, workflowId);
  if (workflow.deployedAt) throw new ApiError('already_deployed', 'The workflow is already deployed');
  const graph = storedGraph(workflow);
  const problems = await workflowGraphProblems(graph, caller.workspaceId);
  if (problems.length > 0) throw new InvalidGraphError(problems);
  const prisma = await db();
  const deployedAt = new Date();
  await prisma.$transaction(async (tx) => {
    // Redeploying an unchanged draft reuses its snapshot: a version number always means one graph.
    const snapshot = await tx.workflowVersion.upsert({
      where: { workflowId_version: { workflowId, version: workflow.version } },
      create: {
        workflowId,
        version: workflow.version,
        name: workflow.name,
        description: workflow.description,
        graph: graph as Prisma.InputJsonValue,
        createdById: caller.userId,
      },
      update: {},
    });
    const { count } = await tx.workflow.updateMany({
      where: { id: workflowId, workspaceId: caller.workspaceId, deployedAt: null, version: workflow.version },
      data: { deployedAt, deployedVersionId: snapshot.id },
    });
    if (count === 0) throw new ApiError('already_deployed', 'The workflow changed or was deployed meanwhile; try again');
  });
  return { deployed: true as const, deployed_at: deployedAt.toISOString(), version: workflow.version };
}

export async function undeployWorkflow(caller: Caller, workflowId: string) {
  requireRole(caller, 'editor');
  const workflow = await findWorkflow(caller, workflowId);
  if (!workflow.deployedAt) throw notDeployed();
  const prisma = await db();
  await prisma.$transaction([
    prisma.workflow.updateMany({ where: { id: workflowId, workspaceId: caller.workspaceId }, data: { deployedAt: null, deployedVersionId: null } }),
    prisma.webhook.updateMany({ where: { workflowId, consumedAt: null, revokedAt: null }, data: { revokedAt: new Date() } }),
  ]);
  return { deployed: false as const };
}

/**
 * Mints a single-use webhook for the deployed version: a fresh id and secret, any earlier unconsumed webhook of
 * the workflow revoked. The secret is returned once; only its hash (and, for signature checks, an encrypted copy)
 * is kept.
 */
export async function armWebhook(caller: Caller, workflowId: string, input: z.input<typeof armInput>, origin: string) {
  requireRole(caller, 'editor');
  const { ttl_seconds } = armInput.parse(input ?? {});
  const workflow = await findWorkflow(caller, workflowId);
  if (!workflow.deployedAt || !workflow.deployedVersionId) throw notDeployed();
  const secret = mintWebhookSecret();
  const expiresAt = new Date(Date.now() + ttl_seconds * 1000);
  const prisma = await db();
  const [, webhook] = await prisma.$transaction([
    prisma.webhook.updateMany({ where: { workflowId, consumedAt: null, revokedAt: null }, data: { revokedAt: new Date() } }),
    prisma.webhook.create({
      data: { workflowId, versionId: workflow.deployedVersionId, secretHash: sha256Hex(secret), secretEncrypted: encryptSecret(secret), expiresAt },
    }),
  ]);
  return { webhook_id: webhook.id, secret, url: `${origin}/api/webhooks/${webhook.id}`, expires_at: expiresAt.toISOString() };
}

/** The deploy panel: deployed state, the latest webhook and the latest attempts to call it. */
export async function deploymentStatus(caller: Caller, workflowId: string, origin: string) {
  const workflow = await findWorkflow(caller, workflowId);
  const prisma = await db();
  const webhook = await prisma.webhook.findFirst({ where: { workflowId }, orderBy: { createdAt: 'desc' } });
  const attempts = await prisma.webhookAttempt.findMany({
    where: { webhook: { workflowId } },
    orderBy: { createdAt: 'desc' },
    take: 50,
  });
  const now = new Date();
  return {
    deployed: workflow.deployedAt !== null,
    deployed_at: workflow.deployedAt?.toISOString() ?? null,
    version: workflow.deployedVersion?.version ?? null,
    webhook: webhook
      ? {
          id: webhook.id,
          url: `${origin}/api/webhooks/${webhook.id}`,
          created_at: webhook.createdAt.toISOString(),
          expires_at: webhook.expiresAt.toISOString(),
          consumed_at: webhook.consumedAt?.toISOString() ?? null,
          revoked_at: webhook.revokedAt?.toISOString() ?? null,
          execution_id: webhook.executionId,
          active: !webhook.consumedAt && !webhook.revokedAt && webhook.expiresAt > now,
        }
      : null,
    attempts: attempts.map((a) => ({
      id: a.id,
      webhook_id: a.webhookId,
      accepted: a.accepted,
      reason: a.reason,
      source_ip: a.sourceIp,
      execution_id: a.executionId,
      at: a.createdAt.toISOString(),
    })),
  };
}

function versionSummary(row: { version: number; name: string; description: string | null; graph: unknown; createdAt: Date; createdById: string | null; id: string }, deployedVersionId: string | null) {
  return {
    version: row.version,
    name: row.name,
    description: row.description,
    block_count: storedGraph(row).blocks.length,
    created_at: row.createdAt.toISOString(),
    created_by: row.createdById,
    deployed: row.id === deployedVersionId,
  };
}

export async function listVersions(caller: Caller, workflowId: string) {
  const workflow = await findWorkflow(caller, workflowId);
  const prisma = await db();
  const rows = await prisma.workflowVersion.findMany({ where: { workflowId }, orderBy: { version: 'desc' } });
  return { versions: rows.map((row) => versionSummary(row, workflow.deployedVersionId)) };
}

export async function getVersion(caller: Caller, workflowId: string, version: number) {
  const workflow = await findWorkflow(caller, workflowId);
  const prisma = await db();
  const row = await prisma.workflowVersion.findUnique({ where: { workflowId_version: { workflowId, version } } });
  if (!row) throw new ApiError('version_not_found', `Workflow version ${version} does not exist`);
  return { ...versionSummary(row, workflow.deployedVersionId), ...storedGraph(row) };
}

/** Copies a deployed version's graph into the draft (a new draft version); the workflow must be undeployed. */
export async function restoreVersion(caller: Caller, workflowId: string, version: number) {
  requireRole(caller, 'editor');
  const snapshot = await getVersion(caller, workflowId, version);
  const { workflow } = await replaceGraph(caller, workflowId, { blocks: snapshot.blocks, edges: snapshot.edges }, { allowInvalid: true });
  return workflow;
}
