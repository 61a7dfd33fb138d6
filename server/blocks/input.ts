import { z } from 'zod';
import { inputFieldTypes, type InputFieldType } from '@/lib/blocks/input-fields';
import { BlockError } from './run-context';
import { defineBlock, type InputProblem } from './types';

const inputFieldSchema = z
  .strictObject({
    name: z.string().min(1).max(64),
    type: z.enum(inputFieldTypes),
    required: z.boolean().default(false),
    description: z.string().max(2000).optional(),
    /** Used when the input leaves the field out (or sends null). */
    default: z.json().optional(),
    /** The only values allowed. */
    enum: z.array(z.json()).min(1).max(500).optional(),
  })
  .superRefine((field, ctx) => {
    field.enum?.forEach((value, index) => {
      const problem = valueProblem(field.type, value);
      if (problem) ctx.addIssue({ code: 'custom', path: ['enum', index], message: problem });
    });
    if (field.default === undefined || field.default === null) return;
    const problem = valueProblem(field.type, field.default) ?? enumProblem(field.enum, field.default);
    if (problem) ctx.addIssue({ code: 'custom', path: ['default'], message: problem });
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

const article = (type: string) => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);

/** Why a value is not of a field type, or null when it is. */
function valueProblem(type: InputFieldType, value: unknown): string | null {
  const actual = typeOf(value);
  const fits =
    type === 'integer' ? Number.isInteger(value) : type === 'number' ? actual === 'number' && Number.isFinite(value) : actual === type;
  return fits ? null : `must be ${article(type)}, not ${article(actual === 'number' ? 'non-integer number' : actual)}`;
}

function enumProblem(allowed: readonly unknown[] | undefined, value: unknown): string | null {
  if (!allowed) return null;
  const text = JSON.stringify(value);
  return allowed.some((option) => JSON.stringify(option) === text) ? null : `must be one of ${allowed.map((option) => JSON.stringify(option)).join(', ')}`;
}

/**
 * Checks an execution input against the declared fields (undeclared extra fields pass) and fills in defaults.
 * Every problem is reported, by field.
 */
function acceptFields(input: Record<string, unknown>, fields: readonly InputField[]) {
  const problems: InputProblem[] = [];
  const accepted: Record<string, unknown> = { ...input };
  for (const field of fields) {
    const value = input[field.name];
    if (value === undefined || value === null) {
      if (field.default !== undefined && field.default !== null) accepted[field.name] = field.default;
      else if (field.required) problems.push({ field: field.name, message: 'is required' });
      continue;
    }
    const problem = valueProblem(field.type, value) ?? enumProblem(field.enum, value);
    if (problem) problems.push({ field: field.name, message: problem });
  }
  return problems.length > 0 ? { problems, input: undefined } : { input: accepted, problems: undefined };
}

/** The execution input enters the workflow here; `fields`, when given, describe, default and validate it. */
export const inputBlock = defineBlock({
  type: 'input',
  label: 'Input',
  description: 'Receives the execution input: the JSON body of a run, an API call, a webhook or a form.',
  icon: 'log-in',
  category: 'io',
  role: 'entry',
  contained: true,
  config: {
    fields: inputFieldsSchema.optional(),
  },
  summary: { parts: [{ field: 'fields', format: 'names', prefix: 'fields: ' }], empty: 'any JSON input' },
  outputs: { fieldsFromConfig: 'fields' },
  defaults: { fields: [{ name: 'text', type: 'string', required: false }] },
  acceptInput: (config, input) => acceptFields(input, config.fields ?? []),
  // The input was accepted before the run started; this only guards runs of records older than that check.
  async run({ config, input }) {
    if (input === null || typeof input !== 'object' || Array.isArray(input)) {
      throw new BlockError('The execution input must be a JSON object, e.g. {"text": "..."}', 'invalid_input', false);
    }
    const result = acceptFields(input as Record<string, unknown>, config.fields ?? []);
    if (result.problems) {
      throw new BlockError(`Invalid input: ${result.problems.map((p) => `"${p.field}" ${p.message}`).join('; ')}`, 'invalid_input', false);
    }
    return result.input;
  },
  fieldHints: {
    fields: {
      widget: 'input-fields',
      label: 'Input fields',
      help: 'Optional list of {name, type, required, default, description, enum}; each execution input is checked against it before the run starts.',
    },
  },
});
