'use client';

import { useCallback, useEffect, useState } from 'react';
import { Button, type ButtonProps } from './button';

/**
 * Puts text on the clipboard. The async Clipboard API exists only on secure origins (https or localhost), and
 * self-hosted installs are often reached over plain http on a LAN address, so fall back to the old copy command.
 */
async function copyText(text: string): Promise<void> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return;
    }
  } catch {
    // fall through to the fallback
  }
  const textarea = document.createElement('textarea');
  textarea.value = text;
  textarea.setAttribute('readonly', '');
  textarea.style.position = 'fixed';
  textarea.style.opacity = '0';
  // Inside a modal <dialog> only the dialog is focusable, so the helper must live there.
  const host = document.activeElement?.closest('dialog') ?? document.body;
  host.appendChild(textarea);
  textarea.select();
  const copied = document.execCommand('copy');
  textarea.remove();
  if (!copied) throw new Error('copy refused');
}

export type CopyState = 'idle' | 'copied' | 'failed';

/** Copies text and remembers how that went (`copied` or `failed`) for `resetMs`, then goes back to `idle`. */
export function useCopy(resetMs: number): [CopyState, (text: string) => void] {
  const [state, setState] = useState<CopyState>('idle');

  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), resetMs);
    return () => clearTimeout(timer);
  }, [state, resetMs]);

  const copy = useCallback((text: string) => {
    copyText(text).then(
      () => setState('copied'),
      () => setState('failed'),
    );
  }, []);

  return [state, copy];
}

export function CopyButton({ value, label = 'Copy', ...props }: { value: string; label?: string } & Omit<ButtonProps, 'onClick' | 'value'>) {
  const [state, copy] = useCopy(2500);

  return (
    <>
      <Button
        size="sm"
        {...props}
        onClick={() => copy(value)}
      >
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Press Ctrl+C to copy' : label}
      </Button>
      <span role="status" className="sr-only">
        {state === 'copied' ? 'Copied to the clipboard' : state === 'failed' ? 'Could not copy automatically; select the text and copy it' : ''}
      </span>
    </>
  );
}

/** A secret or link shown in full, easy to select by hand, with a copy button beside it; `label` names it ("API key"). */
export function CopyableValue({ value, label, testId }: { value: string; label: string; testId?: string }) {
  return (
    <div className="flex items-start gap-2 rounded-md border border-zinc-200 bg-zinc-50 p-2 dark:border-zinc-700 dark:bg-zinc-950">
      <code
        data-testid={testId}
        className="min-w-0 flex-1 self-center px-1 font-mono text-sm break-all text-zinc-900 select-all dark:text-zinc-100"
      >
        {value}
      </code>
      <CopyButton value={value} aria-label={`Copy ${label}`} />
    </div>
  );
}
