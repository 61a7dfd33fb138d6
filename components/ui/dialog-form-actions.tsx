import type { KeyboardEvent, ReactNode } from 'react';
import { Button } from './button';
import { DialogActions } from './dialog';

/** The footer of a form in a dialog: Cancel, off while saving, and the submit button, which spins while saving. */
export function DialogFormActions({ onCancel, pending, submitLabel }: { onCancel: () => void; pending: boolean; submitLabel: ReactNode }) {
  return (
    <DialogActions>
      <Button onClick={onCancel} disabled={pending}>
        Cancel
      </Button>
      <Button type="submit" variant="primary" loading={pending}>
        {submitLabel}
      </Button>
    </DialogActions>
  );
}

/** A dialog form's onKeyDown: Ctrl+Enter (⌘+Enter on a Mac) submits it from any field, even a multi-line one. */
export function submitOnModEnter(event: KeyboardEvent<HTMLFormElement>) {
  if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) {
    event.preventDefault();
    event.currentTarget.requestSubmit();
  }
}
