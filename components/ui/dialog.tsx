'use client';

import { useEffect, useId, useRef, useState, type ReactElement, type ReactNode } from 'react';
import { Alert } from './alert';
import { Button } from './button';
import { errorMessage } from './errors';

export interface DialogProps {
  open: boolean;
  onClose: () => void;
  title: string;
  description?: ReactNode;
  children?: ReactNode;
  /**
   * False for dialogs that hold something the person must not lose by a stray click or key (a secret shown once):
   * then only an explicit button closes it.
   */
  dismissible?: boolean;
}

/**
 * A modal built on the native <dialog>: the browser traps focus, makes the page behind it inert, closes it on Escape
 * and gives focus back to whatever opened it. Its content mounts only while it is open, so forms start fresh.
 */
export function Dialog({ open, onClose, title, description, children, dismissible = true }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onCancel={(event) => {
        if (!dismissible) event.preventDefault();
      }}
      onClose={() => {
        if (open) onClose();
      }}
      onClick={(event) => {
        // A click on the backdrop lands on the <dialog> itself; clicks inside land on its content.
        if (dismissible && event.target === event.currentTarget) onClose();
      }}
      className="m-auto w-[calc(100%-2rem)] max-w-lg rounded-xl border border-zinc-200 bg-white p-0 text-zinc-900 shadow-xl backdrop:bg-zinc-950/50 backdrop:backdrop-blur-[1px] dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-100"
    >
      {open && (
        <div className="p-6">
          <h2 id={titleId} className="text-lg font-semibold tracking-tight">
            {title}
          </h2>
          {description && (
            <div id={descriptionId} className="mt-1.5 text-sm text-zinc-600 dark:text-zinc-400">
              {description}
            </div>
          )}
          {children && <div className="mt-5">{children}</div>}
        </div>
      )}
    </dialog>
  );
}

/** The row of buttons at the bottom of a dialog, primary action last. */
export function DialogActions({ children }: { children: ReactNode }) {
  return <div className="mt-6 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">{children}</div>;
}

export interface ConfirmDialogProps {
  open: boolean;
  onClose: () => void;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  /** Runs when the person confirms; the dialog closes when it resolves and shows the error when it throws. */
  onConfirm: () => Promise<unknown>;
  tone?: 'danger' | 'primary';
}

/** Asks before doing something that cannot be undone. Cancel comes first, so it is what Enter hits by default. */
export function ConfirmDialog({ open, onClose, title, description, confirmLabel, onConfirm, tone = 'danger' }: ConfirmDialogProps) {
  return (
    <Dialog open={open} onClose={onClose} title={title} description={description}>
      <ConfirmActions confirmLabel={confirmLabel} onConfirm={onConfirm} onClose={onClose} tone={tone} />
    </Dialog>
  );
}

/**
 * A confirmation that a button opens: the hook owns whether it is open, `show` is the button's `onClick`, and
 * `dialog` goes where the page renders it; Cancel, Escape and a finished `onConfirm` close it.
 */
export function useConfirmDialog(props: Omit<ConfirmDialogProps, 'open' | 'onClose'>): { show: () => void; dialog: ReactElement } {
  const [open, setOpen] = useState(false);
  return { show: () => setOpen(true), dialog: <ConfirmDialog open={open} onClose={() => setOpen(false)} {...props} /> };
}

function ConfirmActions({ confirmLabel, onConfirm, onClose, tone }: Pick<ConfirmDialogProps, 'confirmLabel' | 'onConfirm' | 'onClose' | 'tone'>) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function confirm() {
    setPending(true);
    setError(null);
    try {
      await onConfirm();
      onClose();
    } catch (caught) {
      setError(errorMessage(caught));
      setPending(false);
    }
  }

  return (
    <>
      {error && <Alert tone="error">{error}</Alert>}
      <DialogActions>
        <Button onClick={onClose} disabled={pending}>
          Cancel
        </Button>
        <Button variant={tone} onClick={confirm} loading={pending}>
          {confirmLabel}
        </Button>
      </DialogActions>
    </>
  );
}
