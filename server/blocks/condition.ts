import { z } from 'zod';
import { runScript } from './script';
import { defineBlock } from './types';

/** Branches the workflow: only the edges of the branch the expression picks are taken. */
export const conditionBlock = defineBlock({
  type: 'condition',
  label: 'Condition',
  description: 'Evaluates a JavaScript expression and continues down the "true" or the "false" branch.',
  icon: 'git-branch',
  category: 'logic',
  contained: true,
  config: {
    /** A JavaScript expression over the upstream outputs, e.g. `score.output > 0.5`. */
    expression: z.string().refine((expression) => expression.trim() !== '', 'must not be empty'),
  },
  script: { field: 'expression', mode: 'expression' },
  sourceHandles: [
    { id: 'true', tone: 'success' },
    { id: 'false', tone: 'danger' },
  ],
  branch: { outputField: 'result' },
  summary: { parts: [{ field: 'expression', prefix: 'if ' }] },
  outputs: { fields: ['result'] },
  defaults: { expression: 'true' },
  async run(context) {
    const value = await runScript(context, context.config.expression, 'expression');
    return { result: Boolean(value) };
  },
  fieldHints: {
    expression: {
      widget: 'code',
      label: 'Expression',
      placeholder: 'score.output > 0.5',
      help: 'A JavaScript expression; upstream outputs are variables named by block id, the execution input is `input`.',
    },
  },
});
