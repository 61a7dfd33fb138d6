import { classify, supportTriage, sentiment, approvedReply } from './support';
import { summarize, translate, translateMany, researchAgent } from './ai';
import { enrichLead, thankYouNotes } from './sales';
import { httpAndCode, extractFields, cleanRows } from './data';
import { webhookSummary, dailyDigest, waitForJob } from './operations';
import type { WorkflowTemplate } from './types';

export { SUBWORKFLOW_PLACEHOLDER, TEMPLATE_CATEGORIES, type TemplateCategory, type WorkflowTemplate } from './types';

/** Ready-made workflows of the gallery, in the order it shows them; each one is valid and runs as it is. */
export const WORKFLOW_TEMPLATES: readonly WorkflowTemplate[] = [
  summarize,
  classify,
  httpAndCode,
  supportTriage,
  webhookSummary,
  enrichLead,
  dailyDigest,
  translate,
  extractFields,
  thankYouNotes,
  approvedReply,
  sentiment,
  cleanRows,
  researchAgent,
  waitForJob,
  translateMany,
];

export function findTemplate(id: string): WorkflowTemplate | undefined {
  return WORKFLOW_TEMPLATES.find((template) => template.id === id);
}
