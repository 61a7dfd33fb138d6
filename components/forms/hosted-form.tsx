'use client';

import { useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TypedFieldControl } from './typed-field';
import type { TypedField } from './typed-input';
import { useTypedFields } from './use-typed-fields';

interface Outcome {
  execution_id: string;
  status: string;
  output: unknown;
  error: { message: string } | null;
}

/** The hosted form: one control per input field; submitting runs the workflow and shows its output. */
export function HostedForm({ triggerId, fields }: { triggerId: string; fields: TypedField[] }) {
  const typed = useTypedFields(fields);
  const [problem, setProblem] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [sending, setSending] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const collected = typed.collect();
    typed.setErrors(collected.errors);
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
      typed.setErrors(Object.fromEntries(details.filter((d) => d.path.startsWith('input.')).map((d) => [d.path.slice('input.'.length), d.message])));
      setProblem(body.error ?? 'The form could not be sent');
    } catch {
      setProblem('The form could not be sent; check your connection and try again');
    } finally {
      setSending(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="mt-6 space-y-4" aria-label="Workflow form">
      {fields.length === 0 ? <p className="text-sm text-zinc-600 dark:text-zinc-400">This workflow takes no input.</p> : null}
      {fields.map((field) => (
        <TypedFieldControl key={field.name} {...typed.controlProps(field)} />
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
