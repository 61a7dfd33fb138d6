import { z } from 'zod';
import { isSameOrigin, sessionUser } from '../auth/authenticate';
import { getBlockDefinition } from '../blocks';
import { db } from '../db';
import { ApiError, forbidden, unauthorized } from '../errors';
import { safeParseBlockConfig } from '../graph/config';
import { formTrigger } from '../triggers/form';
import { rowAfterRun } from './executions/reads';
import { launchFromTrigger, triggerNotFound } from './triggers';
import { storedGraph } from './workflows';

// Hosted forms (GET /forms/{id}, submitted to POST /api/forms/{id}): the deployed version's input fields as a page.
// A `workspace` form is for signed-in members of the trigger's workspace; a `public` one for anyone with the link.

export const formSubmission = z.strictObject({ input: z.record(z.string(), z.json()).default({}) });

/** An input field as the form renders it. */
export interface FormField {
  name: string;
  type: string;
  required: boolean;
  description?: string;
  default?: unknown;
  enum?: unknown[];
}

async function findForm(triggerId: string) {
  const prisma = await db();
  const trigger = /^[0-9a-f-]{36}$/i.test(triggerId)
    ? await prisma.trigger.findFirst({ where: { id: triggerId, kind: formTrigger.kind }, include: { workflow: { include: { deployedVersion: true } } } })
    : null;
  if (!trigger) throw triggerNotFound();
  return trigger;
}

/** Whether the person (or anyone, for a public form) may open and submit it. */
async function mayUse(trigger: Awaited<ReturnType<typeof findForm>>, headers: Headers): Promise<boolean> {
  if (formTrigger.config.parse(trigger.config).access === 'public') return true;
  const user = await sessionUser(headers);
  if (!user) return false;
  const prisma = await db();
  return (await prisma.membership.findUnique({ where: { workspaceId_userId: { workspaceId: trigger.workspaceId, userId: user.id } } })) !== null;
}

function fieldsOf(graph: ReturnType<typeof storedGraph>): FormField[] {
  const entry = graph.blocks.find((block) => getBlockDefinition(block.type)?.role === 'entry');
  const parsed = entry ? safeParseBlockConfig(entry) : null;
  const fields = parsed?.success ? parsed.config.fields : undefined;
  return Array.isArray(fields) ? (fields as FormField[]) : [];
}

/** What the form page shows; `sign_in` when a workspace form is opened by someone not signed in as a member. */
export async function describeForm(triggerId: string, headers: Headers) {
  const trigger = await findForm(triggerId);
  if (!(await mayUse(trigger, headers))) return { state: 'sign_in' as const };
  const version = trigger.workflow.deployedVersion;
  return {
    state: trigger.enabled && version ? ('open' as const) : ('closed' as const),
    name: trigger.workflow.name,
    description: trigger.workflow.description,
    fields: version ? fieldsOf(storedGraph(version)) : [],
  };
}

/** Runs the deployed version with what the form sent and waits for the outcome. */
export async function submitForm(triggerId: string, headers: Headers, requestUrl: string, body: z.input<typeof formSubmission>) {
  const trigger = await findForm(triggerId);
  const access = formTrigger.config.parse(trigger.config).access;
  if (!(await mayUse(trigger, headers))) throw unauthorized();
  // A workspace form is submitted with the session cookie, so only from our own pages.
  if (access === 'workspace' && !isSameOrigin(headers, requestUrl)) throw forbidden('Cross-origin form submissions are refused');
  const version = trigger.workflow.deployedVersion;
  if (!trigger.enabled || !version) throw new ApiError('webhook_not_active', 'This form is closed: it is disabled, or its workflow is not deployed');
  const { input } = formSubmission.parse(body);
  const launched = await launchFromTrigger(trigger, input);
  const prisma = await db();
  await prisma.trigger.update({ where: { id: trigger.id }, data: { lastFiredAt: new Date() } });
  const execution = await rowAfterRun(launched.row, await launched.ended);
  return { execution_id: launched.id, status: execution.status, output: execution.output ?? null, error: execution.error ?? null };
}
