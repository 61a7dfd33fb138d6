import { z } from 'zod';
import { BlockError } from './run-context';
import { defineBlock } from './types';

const inputFieldTypes = ['string', 'number', 'boolean', 'object'] as const;

const inputFieldSchema = z.strictObject({
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

type InputField = z.output<typeof inputFieldSchema>;

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** What is wrong with an execution input, judged by the declared fields (undeclared extra fields pass). */
function inputProblems(input: Record<string, unknown>, fields: readonly InputField[]): string[] {
  const problems: string[] = [];
  for (const field of fields) {
    const value = input[field.name];
    if (value === undefined || value === null) {
      if (field.required) problems.push(`"${field.name}" is required`);
      continue;
    }
    const actual = typeOf(value);
    if (actual !== field.type) problems.push(`"${field.name}" must be ${field.type === 'object' ? 'an object' : `a ${field.type}`}, not ${actual === 'array' ? 'an array' : `a ${actual}`}`);
  }
  return problems;
}

/** The execution input enters the workflow here; `fields`, when given, describe and validate it. */
export const inputBlock = defineBlock({
  type: 'input',
  label: 'Input',
  description: 'Receives the execution input: the JSON body of a run, an API call or a webhook.',
  icon: 'log-in',
  category: 'io',
  role: 'entry',
  config: {
    fields: inputFieldsSchema.optional(),
  },
  summary: { parts: [{ field: 'fields', format: 'names', prefix: 'fields: ' }], empty: 'any JSON input' },
  outputs: { fieldsFromConfig: 'fields' },
  defaults: { fields: [{ name: 'text', type: 'string', required: false }] },
  async run({ config, input }) {
    if (input === null || typeof input !== 'object' || Array.isArray(input)) {
      throw new BlockError('The execution input must be a JSON object, e.g. {"text": "..."}', 'invalid_input', false);
    }
    const problems = inputProblems(input as Record<string, unknown>, config.fields ?? []);
    if (problems.length > 0) throw new BlockError(`Invalid input: ${problems.join('; ')}`, 'invalid_input', false);
    return input;
  },
  fieldHints: {
    fields: {
      widget: 'input-fields',
      label: 'Input fields',
      help: 'Optional list of {name, type, required, description}; when set, each execution input is checked against it.',
    },
  },
});
