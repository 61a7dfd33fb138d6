'use client';

import type { UseMutationResult } from '@tanstack/react-query';
import type { ComponentType } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogActions } from '@/components/ui/dialog';
import { errorMessage } from '@/components/ui/errors';

/** What a create form is given: it collects `TInput` and hands it to `submit`; `pending` while the create runs. */
export interface CreateFormProps<TInput> {
  submit: (input: TInput) => void;
  pending: boolean;
  onCancel: () => void;
}

export interface RevealOnceDialogProps<TInput, TCreated, TError> {
  open: boolean;
  onClose: () => void;
  /** The create mutation; what it returns is shown once, and closing resets it so it is forgotten. */
  creation: UseMutationResult<TCreated, TError, TInput>;
  title: string;
  revealTitle: string;
  description: string;
  /** What to show once created (above the Done button). */
  reveal: ComponentType<{ created: TCreated }>;
  form: ComponentType<CreateFormProps<TInput>>;
}

/**
 * A "create something secret" dialog: first a form (with the create's error above it), then what was created (a key,
 * a link) shown once, with Done. While the create runs and while the secret is shown, the dialog cannot be dismissed
 * by accident: closing it mid-create would forget a secret that was made but never seen.
 */
export function RevealOnceDialog<TInput, TCreated, TError>({
  open,
  onClose,
  creation,
  title,
  revealTitle,
  description,
  reveal: Reveal,
  form: Form,
}: RevealOnceDialogProps<TInput, TCreated, TError>) {
  const close = () => {
    creation.reset();
    onClose();
  };
  return (
    <Dialog
      open={open}
      onClose={close}
      dismissible={creation.isIdle || creation.isError}
      title={creation.isSuccess ? revealTitle : title}
      description={creation.isSuccess ? undefined : description}
    >
      <div className="space-y-4">
        {creation.isSuccess ? (
          <>
            <Reveal created={creation.data} />
            <DialogActions>
              <Button variant="primary" onClick={close}>
                Done
              </Button>
            </DialogActions>
          </>
        ) : (
          <>
            {creation.isError && <Alert tone="error">{errorMessage(creation.error)}</Alert>}
            <Form submit={(input) => creation.mutate(input)} pending={creation.isPending} onCancel={close} />
          </>
        )}
      </div>
    </Dialog>
  );
}
