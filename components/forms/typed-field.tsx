'use client';

import { useId, type ReactNode } from 'react';
import { SelectField, TextAreaField, TextField } from '@/components/ui/field';
import { isCheckbox, isJsonType, parseFieldText, type TypedField } from './typed-input';

// One control per typed input field, shared by the editor's run dialog and the hosted form: a text area for strings,
// a number input for numbers (whole steps for integers), a checkbox for booleans, a select for options, and a JSON
// editor for objects and arrays. What does not fit the type is said under the field as it is typed.

export interface JsonEditorProps {
  label: string;
  value: string;
  onChange(value: string): void;
  invalid: boolean;
  describedBy?: string;
}

/** The field's name, with a star people see and "(required)" for screen readers. */
function FieldLabel({ field }: { field: TypedField }) {
  return (
    <>
      <span className="font-mono">{field.name}</span>
      {field.required && (
        <>
          <span className="text-red-600 dark:text-red-400" aria-hidden>
            {' '}
            *
          </span>
          <span className="sr-only"> (required)</span>
        </>
      )}
    </>
  );
}

export function TypedFieldControl({
  field,
  text,
  checked,
  error,
  onText,
  onCheck,
  jsonEditor,
}: {
  field: TypedField;
  text: string;
  checked: boolean;
  /** From submitting: a required field left empty, or the server's detail for this field. */
  error?: string;
  onText(text: string): void;
  onCheck(checked: boolean): void;
  /** How objects and arrays are edited (the editor's code editor); a monospace text area when not given. */
  jsonEditor?: (props: JsonEditorProps) => ReactNode;
}) {
  const id = useId();
  const shown = error ?? (text.trim() === '' ? undefined : parseFieldText(field, text).error);
  const label = <FieldLabel field={field} />;

  if (isCheckbox(field)) {
    return (
      <div>
        <label className="flex items-center gap-2 text-sm font-medium text-zinc-800 dark:text-zinc-200">
          <input
            type="checkbox"
            checked={checked}
            onChange={(event) => onCheck(event.target.checked)}
            aria-describedby={field.description ? `${id}-help` : undefined}
            className="h-4 w-4 accent-indigo-600"
          />
          {label}
        </label>
        {field.description && (
          <p id={`${id}-help`} className="mt-1.5 text-xs text-zinc-500 dark:text-zinc-400">
            {field.description}
          </p>
        )}
      </div>
    );
  }
  if (field.enum) {
    const options = [{ value: '', label: '—' }, ...field.enum.map((option) => ({ value: JSON.stringify(option), label: typeof option === 'string' ? option : JSON.stringify(option) }))];
    return <SelectField label={label} hint={field.description} error={shown} options={options} value={text} onChange={(event) => onText(event.target.value)} />;
  }
  if (isJsonType(field.type)) {
    const hint = field.description ?? `A JSON ${field.type}`;
    const describedBy = shown ? `${id}-error` : `${id}-help`;
    const message = shown ? (
      <p id={`${id}-error`} className="mt-1.5 text-sm text-red-600 dark:text-red-400">
        {shown}
      </p>
    ) : (
      <p id={`${id}-help`} className="mt-1.5 text-xs text-zinc-500 dark:text-zinc-400">
        {hint}
      </p>
    );
    if (!jsonEditor) {
      return (
        <TextAreaField label={label} hint={hint} error={shown} value={text} rows={4} spellCheck={false} className="font-mono" onChange={(event) => onText(event.target.value)} />
      );
    }
    return (
      <div>
        <p className="mb-1.5 text-sm font-medium text-zinc-800 dark:text-zinc-200">{label}</p>
        {jsonEditor({ label: field.name, value: text, onChange: onText, invalid: Boolean(shown), describedBy })}
        {message}
      </div>
    );
  }
  if (field.type === 'number' || field.type === 'integer') {
    return (
      <TextField
        label={label}
        hint={field.description}
        error={shown}
        type="number"
        inputMode={field.type === 'integer' ? 'numeric' : 'decimal'}
        step={field.type === 'integer' ? 1 : 'any'}
        value={text}
        onChange={(event) => onText(event.target.value)}
      />
    );
  }
  return <TextAreaField label={label} hint={field.description} error={shown} value={text} rows={2} onChange={(event) => onText(event.target.value)} />;
}
