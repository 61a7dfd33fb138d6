import { z } from 'zod';
import { requireRole, type Caller } from '../auth/caller';
import { ApiError } from '../errors';
import { findTemplate, SUBWORKFLOW_PLACEHOLDER, type WorkflowTemplate } from '@/lib/templates';
import type { Graph } from '@/lib/graph/schema';
import { createTrigger } from './triggers';
import { importWorkflow } from './workflows';

// "Use template": a template becomes a workflow of the caller's workspace, with the sub-workflow it runs (created
// first, so its id can be filled in) and its standing trigger (which fires once the workflow is deployed).

export const fromTemplateInput = z.strictObject({ template_id: z.string().min(1).max(100) });

const templateNotFound = () => new ApiError('not_found', 'No template with that id');

/** The graph with its workflow blocks pointed at the sub-workflow created for it. */
function withSubworkflow(graph: Graph, workflowId: string): Graph {
  return {
    ...graph,
    blocks: graph.blocks.map((block) =>
      block.type === 'workflow' && block.config.workflow_id === SUBWORKFLOW_PLACEHOLDER ? { ...block, config: { ...block.config, workflow_id: workflowId } } : block,
    ),
  };
}

async function createTemplateWorkflow(caller: Caller, template: WorkflowTemplate, origin: string) {
  let graph = template.graph;
  if (template.subworkflow) {
    const child = await createTemplateWorkflow(caller, findTemplate(template.subworkflow)!, origin);
    graph = withSubworkflow(graph, child.id);
  }
  const workflow = await importWorkflow(caller, { name: template.name, description: template.description, ...graph });
  // The trigger as created, with a webhook's secret: this answer is the only time it is shown.
  const trigger = template.trigger ? await createTrigger(caller, workflow.id, template.trigger, origin) : null;
  return { ...workflow, trigger };
}

/** Creates the template's workflow (and what it needs) and answers it with its trigger; an unknown template is a 404. */
export async function createFromTemplate(caller: Caller, input: z.input<typeof fromTemplateInput>, origin: string) {
  requireRole(caller, 'editor');
  const { template_id } = fromTemplateInput.parse(input);
  const template = findTemplate(template_id);
  if (!template) throw templateNotFound();
  return createTemplateWorkflow(caller, template, origin);
}
