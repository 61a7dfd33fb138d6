import type { Block, Edge, Graph } from '@/lib/graph/schema';

/** The shelves of the gallery, in the order its filter shows them. */
export const TEMPLATE_CATEGORIES = [
  { id: 'ai', label: 'AI & text' },
  { id: 'support', label: 'Support' },
  { id: 'sales', label: 'Sales' },
  { id: 'data', label: 'Data' },
  { id: 'operations', label: 'Operations' },
] as const;

export type TemplateCategory = (typeof TEMPLATE_CATEGORIES)[number]['id'];

/** Any JSON object (an execution input). */
type JsonObject = Block['config'];

/** A standing trigger the workflow gets with the template (it fires once the workflow is deployed). */
type TemplateTrigger =
  | { kind: 'schedule'; config: { cron: string; timezone: string } }
  | { kind: 'webhook'; config: { auth: 'bearer'; mode: 'sync' | 'async' } }
  | { kind: 'form'; config: { access: 'public' | 'workspace' } };

export interface WorkflowTemplate {
  /** Stable id, used for test ids, keys and `workflows.fromTemplate`. */
  id: string;
  /** The card's title, and the name the new workflow gets. */
  name: string;
  /** One or two sentences on what it does; it becomes the workflow's description. */
  description: string;
  category: TemplateCategory;
  graph: Graph;
  /** An execution input that runs it as intended: the run dialog's starting point and the tests' input. */
  sampleInput: JsonObject;
  trigger?: TemplateTrigger;
  /**
   * Another template this one runs as a sub-workflow: it is created first, and every `workflow` block whose
   * `workflow_id` is `SUBWORKFLOW_PLACEHOLDER` is pointed at it.
   */
  subworkflow?: string;
}

/** The `workflow_id` of a template's workflow block until the sub-workflow it runs exists. */
export const SUBWORKFLOW_PLACEHOLDER = 'the-sub-workflow';

export type TemplateBlock = Block;
export type TemplateEdge = Edge;
