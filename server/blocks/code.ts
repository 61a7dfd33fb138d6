import { z } from 'zod';
import { runScript } from './script';
import { defineBlock } from './types';

/** JavaScript run in the sandbox. */
export const codeBlock = defineBlock({
  type: 'code',
  label: 'Code',
  description: 'Runs JavaScript in a sandbox; upstream outputs are in scope by block id and the return value is the output.',
  icon: 'code',
  category: 'logic',
  contained: true,
  config: {
    /** The body of an async function; upstream outputs are variables named by block id, the execution input is `input`. */
    code: z.string().refine((code) => code.trim() !== '', 'must not be empty'),
    language: z
      .literal('javascript', { error: (issue) => `must be "javascript" (${JSON.stringify(issue.input)} is not supported)` })
      .default('javascript'),
  },
  script: { field: 'code', mode: 'function' },
  summary: { parts: [{ field: 'code' }] },
  defaults: { code: 'return input;' },
  run: (context) => runScript(context, context.config.code, 'function'),
  fieldHints: {
    code: {
      widget: 'code',
      label: 'Code',
      help: 'The body of an async function. Upstream outputs are variables named by block id, the execution input is `input`; `return` the output.',
    },
    language: {
      widget: 'select',
      label: 'Language',
      options: [{ value: 'javascript', label: 'JavaScript' }],
    },
  },
});
