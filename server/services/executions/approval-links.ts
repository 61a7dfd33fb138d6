import { z } from 'zod';
import { requireRole, type Caller } from '../../auth/caller';
import { db } from '../../db';
import { ApiError } from '../../errors';
import { signToken, verifyToken } from '../../secrets/signed-token';
import { approvalLinkDecision, type approvalLinkResultSchema, type approvalLinkSchema } from '../execution-schemas';
import { storedGraph } from '../workflows';
import { findExecution } from './reads';
import { awaitsDecision, recordDecision } from './resume';
import { waitsOf } from './waits';

// Signed approve/reject links, to paste into email or chat: whoever holds one may decide at that approval block,
// without signing in. The token binds the workflow, the execution, the block and an expiry under an HMAC, so
// nothing is stored; opening the link only shows a page (chat apps fetch links to preview them), and the page's
// buttons POST the decision, recorded with `by: "link"` through the same path as POST .../resume.

const PURPOSE = 'approval-link';
/** How long a link works when the approval has no timeout of its own (one with a timeout works until then). */
const LINK_LIFETIME_MS = 7 * 86_400_000;

const claimsSchema = z.object({ w: z.string(), e: z.string(), b: z.string(), exp: z.number() });
type Claims = z.infer<typeof claimsSchema>;

const approvalLinkPath = (token: string) => `/approve/${token}`;

export function signApprovalToken(ref: { workflowId: string; executionId: string; blockId: string; expiresAt: Date }): string {
  return signToken(PURPOSE, { w: ref.workflowId, e: ref.executionId, b: ref.blockId, exp: ref.expiresAt.getTime() } satisfies Claims);
}

type TokenCheck = { valid: true; claims: Claims } | { valid: false; reason: 'invalid' | 'expired' };

export function checkApprovalToken(token: string, now = Date.now()): TokenCheck {
  const claims = claimsSchema.safeParse(verifyToken(PURPOSE, token));
  if (!claims.success) return { valid: false, reason: 'invalid' };
  if (claims.data.exp <= now) return { valid: false, reason: 'expired' };
  return { valid: true, claims: claims.data };
}

/** Links for the approvals the execution waits at; only for those who may decide themselves. */
export async function approvalLinks(caller: Caller, workflowId: string, executionId: string, origin: string): Promise<z.infer<typeof approvalLinkSchema>[]> {
  requireRole(caller, 'editor');
  const row = await findExecution(caller, workflowId, executionId);
  if (row.status !== 'waiting') return [];
  const latest = Date.now() + LINK_LIFETIME_MS;
  return waitsOf(row)
    .filter((wait) => wait.awaits_decision)
    .map((wait) => {
      const expiresAt = new Date(Math.min(latest, wait.resume_at ? Date.parse(wait.resume_at) : latest));
      const token = signApprovalToken({ workflowId, executionId, blockId: wait.block_id, expiresAt });
      return { block_id: wait.block_id, url: `${origin}${approvalLinkPath(token)}`, expires_at: expiresAt.toISOString() };
    });
}

/** The execution a valid token names; a signed token whose execution is not under its workflow is no link. */
async function linkedExecution(claims: Claims) {
  const prisma = await db();
  const row = await prisma.execution.findFirst({ where: { id: claims.e, workflowId: claims.w }, include: { workflow: { select: { name: true } } } });
  if (!row) return null;
  const block = storedGraph(row).blocks.find((b) => b.id === claims.b);
  return block ? { row, block } : null;
}

/** What the block's log says was decided, for a link opened after the fact. */
async function recordedDecision(executionId: string, blockId: string) {
  const prisma = await db();
  const log = await prisma.blockLog.findFirst({ where: { executionId, blockId }, orderBy: { executionOrder: 'desc' } });
  const output = log?.output as { decision?: unknown; by?: unknown; at?: unknown } | null | undefined;
  if (log?.status === 'error') return { decision: null, note: 'The approval timed out and the execution failed.' };
  if (typeof output?.decision !== 'string') return { decision: null, note: 'The execution no longer waits for this decision.' };
  const by = output.by === 'timeout' ? 'by its timeout' : output.by === 'link' ? 'through a link' : 'by a workspace member';
  return { decision: output.decision, note: `It was ${output.decision} ${by}${typeof output.at === 'string' ? ` at ${output.at}` : ''}.` };
}

/** What the page a link opens shows. Reading it changes nothing. */
export async function describeApprovalLink(token: string) {
  const check = checkApprovalToken(token);
  if (!check.valid) return { state: 'refused', reason: check.reason } as const;
  const found = await linkedExecution(check.claims);
  if (!found) return { state: 'refused', reason: 'invalid' } as const;
  const { row, block } = found;
  const about = { workflow_name: row.workflow.name, block_id: block.id, block_name: block.name ?? null, expires_at: new Date(check.claims.exp).toISOString() };
  if (!awaitsDecision(row, block.id)) return { state: 'decided', ...about, ...(await recordedDecision(row.id, block.id)) } as const;
  const wait = waitsOf(row).find((w) => w.block_id === block.id);
  return { state: 'open', ...about, message: wait?.message ?? null } as const;
}

const refused = {
  invalid: () => new ApiError('approval_link_invalid', 'This approval link is not valid'),
  expired: () => new ApiError('approval_link_invalid', 'This approval link has expired'),
};

/** The decision sent from a link's page; the execution runs on in the background. */
export async function decideByLink(token: string, body: z.input<typeof approvalLinkDecision>): Promise<z.infer<typeof approvalLinkResultSchema>> {
  const { decision, comment } = approvalLinkDecision.parse(body);
  const check = checkApprovalToken(token);
  if (!check.valid) throw refused[check.reason]();
  const found = await linkedExecution(check.claims);
  if (!found) throw refused.invalid();
  const settled = await recordDecision(found.row, found.block.id, decision, comment ? { comment } : null, 'link');
  settled.done.catch((error: unknown) => console.error(`[weft] execution ${found.row.id} failed to run on after a decision:`, (error as Error).message));
  return { execution_id: found.row.id, block_id: found.block.id, decision };
}
