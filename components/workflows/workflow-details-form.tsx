'use client';

import { useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { DialogFormActions } from '@/components/ui/dialog-form-actions';
import { TextAreaField, TextField } from '@/components/ui/field';

export interface WorkflowDetails {
  name: string;
  description: string | null;
}

const NAME_MAX = 200;
const DESCRIPTION_MAX = 5_000;

/** Name and description of a workflow, as the create and rename dialogs ask for them. */
export function WorkflowDetailsForm({
  initial,
  submitLabel,
  pending,
  error,
  onSubmit,
  onCancel,
}: {
  initial?: WorkflowDetails;
  submitLabel: string;
  pending: boolean;
  error: string | null;
  onSubmit: (details: WorkflowDetails) => void;
  onCancel: () => void;
}) {
  const [name, setName] = useState(initial?.name ?? '');
  const [description, setDescription] = useState(initial?.description ?? '');
  const [nameError, setNameError] = useState<string | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) {
      setNameError('Give the workflow a name.');
      return;
    }
    onSubmit({ name: trimmed, description: description.trim() ? description.trim() : null });
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      {error && <Alert tone="error">{error}</Alert>}
      <TextField
        label="Name"
        placeholder="e.g. Summarize support tickets"
        value={name}
        maxLength={NAME_MAX}
        autoFocus
        autoComplete="off"
        onChange={(event) => {
          setName(event.target.value);
          setNameError(null);
        }}
        error={nameError}
      />
      <TextAreaField
        label={
          <>
            Description <span className="font-normal text-zinc-500 dark:text-zinc-400">(optional)</span>
          </>
        }
        placeholder="What does it do, and who uses it?"
        value={description}
        maxLength={DESCRIPTION_MAX}
        rows={3}
        onChange={(event) => setDescription(event.target.value)}
        hint="Shown in the list, so teammates know what the workflow is for."
      />
      <DialogFormActions onCancel={onCancel} pending={pending} submitLabel={submitLabel} />
    </form>
  );
}
