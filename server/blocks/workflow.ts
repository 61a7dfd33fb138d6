import { z } from 'zod';
import { BlockError } from './run-context';
import { selectHint } from './common';
import { defineBlock } from './types';

/** Runs another workflow of the workspace with an input mapping and continues with its output. */
export const workflowBlock = defineBlock({
  type: 'workflow',
  label: 'Sub-workflow',
  description: 'Runs another workflow of this workspace (its deployed version or its draft) and continues with its output.',
  icon: 'workflow',
  category: 'logic',
  config: {
    /** Empty on a freshly dropped block: running it asks for a workflow. */
    workflow_id: z.string(),
    /** The child's execution input: JSON with templates. */
    input: z.json().optional(),
    version: z.enum(['deployed', 'draft']).default('deployed'),
  },
  templateFields: ['input'],
  summary: { parts: [{ field: 'workflow_id' }, { field: 'version', fallback: 'deployed' }], separator: ' · ' },
  outputs: { fields: ['child_execution_id'] },
  defaults: { workflow_id: '', input: {}, version: 'deployed' },
  async run({ config, blockId, signal, runWorkflow }) {
    if (config.workflow_id === '') throw new BlockError('Choose the workflow to run (workflow_id)', 'invalid_config', false);
    const input = config.input ?? {};
    if (input === null || typeof input !== 'object' || Array.isArray(input)) {
      throw new BlockError('input must be a JSON object (the child execution input)', 'invalid_input', false);
    }
    const child = await runWorkflow(config.workflow_id, input, signal, { version: config.version, blockId });
    if (child.status === 'completed') {
      // The child's output, naming the child execution (so its log links to it); a non-object output is `output`.
      const output = child.output;
      const fields = output !== null && typeof output === 'object' && !Array.isArray(output) ? output : { output };
      return { ...fields, child_execution_id: child.execution_id };
    }
    throw new BlockError(`The sub-workflow execution ${child.execution_id} ${child.status}: ${child.error?.message ?? 'no reason given'}`, 'subworkflow_failed', false);
  },
  fieldHints: {
    workflow_id: { widget: 'text', label: 'Workflow id', help: 'The id of a workflow of this workspace (from its URL).' },
    input: { widget: 'json', label: 'Input', help: 'Its execution input: a JSON object; templates allowed, e.g. {"text": "{{input.text}}"}.' },
    version: selectHint('Version', { deployed: 'Its deployed version', draft: 'Its current draft' }),
  },
});
