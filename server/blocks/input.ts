import { z } from 'zod';
import { defineBlock } from './types';

export const inputFieldTypes = ['string', 'number', 'boolean', 'object'] as const;

export const inputFieldSchema = z.strictObject({
  name: z.string().min(1).max(64),
  type: z.enum(inputFieldTypes),
  required: z.boolean().default(false),
  description: z.string().optional(),
});

/** Field names must be unique; checked even when some other part of a field is wrong, so all problems show at once. */
const inputFieldsSchema = z.array(inputFieldSchema).superRefine(
  (fields, ctx) => {
    const seen = new Map<string, number>();
    fields.forEach((field: { name?: unknown } | undefined, index) => {
      if (typeof field?.name !== 'string') return;
      const first = seen.get(field.name);
      if (first === undefined) {
        seen.set(field.name, index);
      } else {
        ctx.addIssue({
          code: 'custom',
          path: [index, 'name'],
          message: `must be unique ("${field.name}" is already field ${first})`,
        });
      }
    });
  },
  { when: (payload) => Array.isArray(payload.value) },
);

/** The execution input enters the workflow here; `fields`, when given, describe and validate it. */
export const inputBlock = defineBlock({
  type: 'input',
  label: 'Input',
  description: 'Receives the execution input: the JSON body of a run, an API call or a webhook.',
  icon: 'log-in',
  category: 'io',
  config: {
    fields: inputFieldsSchema.optional(),
  },
  targetHandles: [],
  sourceHandles: [null],
  defaults: { fields: [{ name: 'text', type: 'string', required: false }] },
  fieldHints: {
    fields: {
      widget: 'json',
      label: 'Input fields',
      help: 'Optional list of {name, type, required, description}; when set, each execution input is checked against it.',
    },
  },
});
