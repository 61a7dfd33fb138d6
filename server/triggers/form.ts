import { z } from 'zod';
import { defineTrigger } from './types';

// A hosted form at /forms/{id}, generated from the input block's fields: public, or for members of the workspace.

export const formTrigger = defineTrigger({
  kind: 'form',
  description: 'A page with a form made from the input fields; submitting it runs the deployed version and shows the output.',
  executionTrigger: 'form',
  config: z.strictObject({
    access: z.enum(['public', 'workspace']).default('workspace'),
  }),
  path: (id) => `/forms/${id}`,
});
