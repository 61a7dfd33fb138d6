import type { ReactNode } from 'react';
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
