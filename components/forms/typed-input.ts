import type { FormField } from '@/server/services/trigger-forms';

// The input block's typed fields as people fill them in, in the editor's run dialog and on the hosted form alike.
// Every control holds text (a boolean without options is a checkbox); what is sent is typed from it: numbers as
// numbers, integers only when whole, objects and arrays parsed from JSON, options by their JSON. Empty controls are
// left out so the field's default applies. The server checks the input again; this answers before a round trip.

export type TypedField = FormField;

export const isJsonType = (type: string) => type === 'object' || type === 'array';

/** Whether the field is a checkbox: a boolean without options. */
export const isCheckbox = (field: TypedField) => field.type === 'boolean' && !field.enum;

/** The text a field's control starts with: `value` (e.g. the input of the last run), else the field's default. */
export function initialFieldText(field: TypedField, value: unknown = field.default): string {
  if (value === undefined || value === null) return '';
  if (isJsonType(field.type)) return JSON.stringify(value, null, 2);
  if (field.enum) return JSON.stringify(value);
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Whether a checkbox starts ticked. */
export const initialFieldCheck = (field: TypedField, value: unknown = field.default) => value === true;

/** The typed value of a field's text (undefined when empty), or why the text does not fit the field's type. */
export function parseFieldText(field: TypedField, text: string): { value?: unknown; error?: string } {
  if (text.trim() === '') return {};
  if (field.enum || isJsonType(field.type)) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      return { error: `Not valid JSON: ${(error as Error).message}` };
    }
    if (field.type === 'array' && !Array.isArray(value)) return { error: 'Must be a JSON array, e.g. [1, 2]' };
    if (field.type === 'object' && (value === null || typeof value !== 'object' || Array.isArray(value))) return { error: 'Must be a JSON object, e.g. {"key": "value"}' };
    return { value };
  }
  if (field.type === 'number' || field.type === 'integer') {
    const value = Number(text.trim());
    if (!Number.isFinite(value)) return { error: 'Must be a number' };
    if (field.type === 'integer' && !Number.isInteger(value)) return { error: 'Must be a whole number' };
    return { value };
  }
  return { value: text };
}

/** The input to send, or the problems by field name (then nothing is sent). */
export function collectTypedInput(fields: readonly TypedField[], texts: Record<string, string>, checks: Record<string, boolean>) {
  const input: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const field of fields) {
    if (isCheckbox(field)) {
      input[field.name] = checks[field.name] ?? initialFieldCheck(field);
      continue;
    }
    const { value, error } = parseFieldText(field, texts[field.name] ?? '');
    if (error) errors[field.name] = error;
    else if (value !== undefined) input[field.name] = value;
    else if (field.required && (field.default === undefined || field.default === null)) errors[field.name] = 'is required';
  }
  return { input, errors };
}

/** The errors without the one of a field a person has just changed. */
export function withoutField(errors: Record<string, string>, name: string): Record<string, string> {
  const rest = { ...errors };
  delete rest[name];
  return rest;
}
