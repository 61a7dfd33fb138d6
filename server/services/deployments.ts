import type { z } from 'zod';
import { requireRole, type Caller } from '../auth/caller';
import { db } from '../db';
import { Prisma } from '../db/generated/client';
import { ApiError } from '../errors';
import { InvalidGraphError } from '../graph/problems';
import { encryptSecret, sha256Hex } from '../secrets/crypto';
import { armInput } from './deployment-schemas';
import { workflowGraphProblems } from './graph-validation';
import { mintWebhookSecret } from './webhook-auth';
import { replaceGraph, storedGraph, workflowNotFound } from './workflows';

// Deploying freezes the draft as a numbered version (1, 2, 3… per workflow) that webhooks and triggers run. The draft
// stays editable while deployed: "deploy changes" promotes it to the next version. Over REST a deployed workflow still
// refuses graph changes (the contract's `already_deployed`); the editor's autosave writes the draft regardless.

const notDeployed = () => new ApiError('not_deployed', 'The workflow is not deployed; deploy it first');

type WorkflowWithDeployed = Awaited<ReturnType<typeof findWorkflow>>;

async function findWorkflow(caller: Caller, id: string) {
  const prisma = await db();
  const workflow = await prisma.workflow.findFirst({ where: { id, workspaceId: caller.workspaceId }, include: { deployedVersion: true } });
  if (!workflow) throw workflowNotFound();
  return workflow;
}

/**
 * The draft as a numbered version: the newest version taken from this very draft revision when there is one (a
 * number always means one graph), else the next number. Two writers racing for the same number: one retries.
 */
async function snapshotDraft(tx: Prisma.TransactionClient, caller: Caller, workflow: WorkflowWithDeployed, note: string | null) {
  const same = await tx.workflowVersion.findFirst({ where: { workflowId: workflow.id, draftVersion: workflow.version }, orderBy: { version: 'desc' } });
  if (same) return note && !same.note ? tx.workflowVersion.update({ where: { id: same.id }, data: { note } }) : same;
  const { _max } = await tx.workflowVersion.aggregate({ where: { workflowId: workflow.id }, _max: { version: true } });
  return tx.workflowVersion.create({
    data: {
      workflowId: workflow.id,
      version: (_max.version ?? 0) + 1,
      draftVersion: workflow.version,
      note,
      name: workflow.name,
      description: workflow.description,
      graph: storedGraph(workflow) as Prisma.InputJsonValue,
      createdById: caller.userId,
    },
  });
}

/** Runs `write` in a transaction, once more when a concurrent writer took the same version number. */
async function withVersionRetry<T>(write: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  const prisma = await db();
  for (let attempt = 0; ; attempt++) {
    try {
      return await prisma.$transaction(write);
    } catch (error) {
      const taken = error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
      if (!taken || attempt >= 2) throw error;
    }
  }
}

async function assertDeployable(caller: Caller, workflow: WorkflowWithDeployed) {
  const problems = await workflowGraphProblems(storedGraph(workflow), caller.workspaceId);
  if (problems.length > 0) throw new InvalidGraphError(problems);
}

export async function deployWorkflow(caller: Caller, workflowId: string) {
  requireRole(caller, 'editor');
  const workflow = await findWorkflow(caller, workflowId);
  if (workflow.deployedAt) throw new ApiError('already_deployed', 'The workflow is already deployed');
  await assertDeployable(caller, workflow);
  const deployedAt = new Date();
  const snapshot = await withVersionRetry(async (tx) => {
    const snapshot = await snapshotDraft(tx, caller, workflow, null);
    const { count } = await tx.workflow.updateMany({
      where: { id: workflowId, workspaceId: caller.workspaceId, deployedAt: null, version: workflow.version },
      data: { deployedAt, deployedVersionId: snapshot.id },
    });
    if (count === 0) throw new ApiError('already_deployed', 'The workflow changed or was deployed meanwhile; try again');
    return snapshot;
  });
  return { deployed: true as const, deployed_at: deployedAt.toISOString(), version: snapshot.version };
}

/**
 * "Deploy changes": the draft of a deployed workflow becomes its next deployed version, without a moment undeployed.
 * Armed webhooks stay armed and run the new version.
 */
export async function deployDraft(caller: Caller, workflowId: string) {
  requireRole(caller, 'editor');
  const workflow = await findWorkflow(caller, workflowId);
  if (!workflow.deployedAt) throw notDeployed();
  await assertDeployable(caller, workflow);
  const deployedAt = new Date();
  const snapshot = await withVersionRetry(async (tx) => {
    const snapshot = await snapshotDraft(tx, caller, workflow, null);
    const { count } = await tx.workflow.updateMany({
      where: { id: workflowId, workspaceId: caller.workspaceId, deployedAt: { not: null }, version: workflow.version },
      data: { deployedAt, deployedVersionId: snapshot.id },
    });
    if (count === 0) throw new ApiError('version_conflict', 'The workflow changed or was undeployed meanwhile; try again');
    await tx.webhook.updateMany({ where: { workflowId, consumedAt: null, revokedAt: null }, data: { versionId: snapshot.id } });
    return snapshot;
  });
  return { deployed: true as const, deployed_at: deployedAt.toISOString(), version: snapshot.version };
}

/** "Save version": the draft as a numbered version with a note, without deploying it (the draft need not be valid). */
export async function saveVersion(caller: Caller, workflowId: string, note: string | null) {
  requireRole(caller, 'editor');
  const workflow = await findWorkflow(caller, workflowId);
  const snapshot = await withVersionRetry((tx) => snapshotDraft(tx, caller, workflow, note));
  return versionSummary(snapshot, workflow.deployedVersionId);
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

type VersionRow = { version: number; note: string | null; name: string; description: string | null; graph: unknown; createdAt: Date; createdById: string | null; id: string };

function versionSummary(row: VersionRow, deployedVersionId: string | null) {
  return {
    version: row.version,
    note: row.note,
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

/** Copies a version's graph into the draft (a new draft revision); a deployed workflow keeps running its version. */
export async function restoreVersion(caller: Caller, workflowId: string, version: number) {
  requireRole(caller, 'editor');
  const snapshot = await getVersion(caller, workflowId, version);
  const { workflow } = await replaceGraph(caller, workflowId, { blocks: snapshot.blocks, edges: snapshot.edges }, { allowInvalid: true, draftOnly: true });
  return workflow;
}
