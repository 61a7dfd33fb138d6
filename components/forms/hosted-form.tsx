'use client';

import { useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { SelectField, TextAreaField, TextField } from '@/components/ui/field';
import type { FormField } from '@/server/services/trigger-forms';


interface Outcome {
  execution_id: string;
  status: string;
  output: unknown;
  error: { message: string } | null;
}

const isJsonType = (type: string) => type === 'object' || type === 'array';

/** What a field starts as in the form: its default, as text where the control holds text. */
function initialText(field: FormField): string {
  if (field.default === undefined || field.default === null) return '';
  if (field.enum || isJsonType(field.type)) return JSON.stringify(field.default);
  return String(field.default);
}

/** The input the form sends: typed values for what was filled in; empty fields are left out (defaults apply). */
function collect(fields: FormField[], texts: Record<string, string>, checks: Record<string, boolean>) {
  const input: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const field of fields) {
    if (field.type === 'boolean' && !field.enum) {
      input[field.name] = checks[field.name] ?? field.default === true;
      continue;
    }
    const text = texts[field.name] ?? '';
    if (text.trim() === '') continue;
    if (field.enum || isJsonType(field.type)) {
      try {
        input[field.name] = JSON.parse(text);
      } catch {
        errors[field.name] = 'must be valid JSON';
      }
    } else {
      input[field.name] = field.type === 'number' || field.type === 'integer' ? Number(text) : text;
    }
  }
  return { input, errors };
}

function FieldControl({ field, text, checked, error, onText, onCheck }: {
  field: FormField;
  text: string;
  checked: boolean;
  error?: string;
  onText: (value: string) => void;
  onCheck: (value: boolean) => void;
}) {
  const label = `${field.name}${field.required ? ' *' : ''}`;
  if (field.enum) {
    const options = [{ value: '', label: '—' }, ...field.enum.map((value) => ({ value: JSON.stringify(value), label: typeof value === 'string' ? value : JSON.stringify(value) }))];
    return <SelectField label={label} hint={field.description} error={error} options={options} value={text} onChange={(e) => onText(e.target.value)} />;
  }
  if (field.type === 'boolean') {
    return (
      <label className="flex items-center gap-2 text-sm font-medium text-zinc-800 dark:text-zinc-200">
        <input type="checkbox" checked={checked} onChange={(e) => onCheck(e.target.checked)} className="h-4 w-4 accent-indigo-600" />
        {field.name}
        {field.description ? <span className="font-normal text-zinc-500 dark:text-zinc-400">— {field.description}</span> : null}
      </label>
    );
  }
  if (isJsonType(field.type)) {
    return <TextAreaField label={label} hint={field.description ?? `JSON ${field.type}`} error={error} value={text} rows={4} onChange={(e) => onText(e.target.value)} />;
  }
  const numeric = field.type === 'number' || field.type === 'integer';
  return (
    <TextField
      label={label}
      hint={field.description}
      error={error}
      type={numeric ? 'number' : 'text'}
      step={field.type === 'integer' ? 1 : numeric ? 'any' : undefined}
      value={text}
      onChange={(e) => onText(e.target.value)}
    />
  );
}

/** The hosted form: one control per input field; submitting runs the workflow and shows its output. */
export function HostedForm({ triggerId, fields }: { triggerId: string; fields: FormField[] }) {
  const [texts, setTexts] = useState<Record<string, string>>(() => Object.fromEntries(fields.map((f) => [f.name, initialText(f)])));
  const [checks, setChecks] = useState<Record<string, boolean>>(() => Object.fromEntries(fields.map((f) => [f.name, f.default === true])));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [sending, setSending] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const collected = collect(fields, texts, checks);
    setErrors(collected.errors);
    setProblem(null);
    setOutcome(null);
    if (Object.keys(collected.errors).length > 0) return;
    setSending(true);
    try {
      const response = await fetch(`/api/forms/${triggerId}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ input: collected.input }) });
      const body = await response.json();
      if (response.ok) {
        setOutcome(body as Outcome);
        return;
      }
      const details = (body.details ?? []) as { path: string; message: string }[];
      setErrors(Object.fromEntries(details.filter((d) => d.path.startsWith('input.')).map((d) => [d.path.slice('input.'.length), d.message])));
      setProblem(body.error ?? 'The form could not be sent');
    } catch {
      setProblem('The form could not be sent; check your connection and try again');
    } finally {
      setSending(false);
    }
  }

  return (
    <form onSubmit={submit} className="mt-6 space-y-4" aria-label="Workflow form">
      {fields.length === 0 ? <p className="text-sm text-zinc-600 dark:text-zinc-400">This workflow takes no input.</p> : null}
      {fields.map((field) => (
        <FieldControl
          key={field.name}
          field={field}
          text={texts[field.name] ?? ''}
          checked={checks[field.name] ?? false}
          error={errors[field.name]}
          onText={(value) => setTexts((all) => ({ ...all, [field.name]: value }))}
          onCheck={(value) => setChecks((all) => ({ ...all, [field.name]: value }))}
        />
      ))}
      {problem ? <Alert tone="error">{problem}</Alert> : null}
      <Button type="submit" variant="primary" loading={sending}>
        Submit
      </Button>
      {outcome ? (
        <section aria-label="Result" className="rounded-md border border-zinc-200 p-3 dark:border-zinc-700">
          <h2 className="text-sm font-medium">{outcome.status === 'completed' ? 'Result' : `The run ${outcome.status}`}</h2>
          {outcome.error ? <p className="mt-1 text-sm text-red-600 dark:text-red-400">{outcome.error.message}</p> : null}
          <pre className="mt-2 overflow-auto whitespace-pre-wrap text-sm" data-testid="form-output">
            {typeof outcome.output === 'string' ? outcome.output : JSON.stringify(outcome.output, null, 2)}
          </pre>
        </section>
      ) : null}
    </form>
  );
}
