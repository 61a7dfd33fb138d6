'use client';

import { useState, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog, DialogActions } from '@/components/ui/dialog';

export interface RevealOnceDialogProps<T> {
  open: boolean;
  onClose: () => void;
  /** After creating (e.g. refetch the list). */
  onCreated: () => Promise<unknown>;
  title: string;
  revealTitle: string;
  description: string;
  /** What to show once created (above the Done button). */
  reveal: (created: T) => ReactNode;
  form: (props: { onCancel: () => void; onCreated: (created: T) => Promise<void> }) => ReactNode;
}

/**
 * A "create something secret" dialog: first a form, then what was created (a key, a link) shown once, with Done.
 * While the secret is shown the dialog cannot be dismissed by accident; closing forgets it.
 */
export function RevealOnceDialog<T>({ open, onClose, onCreated, title, revealTitle, description, reveal, form }: RevealOnceDialogProps<T>) {
  const [created, setCreated] = useState<T | null>(null);
  const close = () => {
    setCreated(null);
    onClose();
  };
  return (
    <Dialog open={open} onClose={close} dismissible={!created} title={created ? revealTitle : title} description={created ? undefined : description}>
      {created ? (
        <div className="space-y-4">
          {reveal(created)}
          <DialogActions>
            <Button variant="primary" onClick={close}>
              Done
            </Button>
          </DialogActions>
        </div>
      ) : (
        form({
          onCancel: close,
          onCreated: async (value) => {
            setCreated(value);
            await onCreated();
          },
        })
      )}
    </Dialog>
  );
}
