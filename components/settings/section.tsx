import type { ReactNode } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { errorMessage } from '@/components/ui/errors';

/** One block of a settings page: a heading that says what it is for, an optional action, and its content. */
export function Section({ title, description, action, children }: { title: string; description?: ReactNode; action?: ReactNode; children: ReactNode }) {
  return (
    <section className="rounded-xl border border-zinc-200 bg-white shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
      <div className="flex flex-col gap-3 border-b border-zinc-200 px-5 py-4 sm:flex-row sm:items-start sm:justify-between dark:border-zinc-800">
        <div className="min-w-0">
          <h2 className="text-base font-semibold tracking-tight">{title}</h2>
          {description && <div className="mt-1 max-w-2xl text-sm text-zinc-600 dark:text-zinc-400">{description}</div>}
        </div>
        {action && <div className="shrink-0">{action}</div>}
      </div>
      <div className="px-5 py-4">{children}</div>
    </section>
  );
}

/** Table styling shared by the settings lists; each list scrolls sideways on narrow screens instead of squashing. */
export function Table({ label, head, children }: { label: string; head: ReactNode[]; children: ReactNode }) {
  return (
    <div className="-mx-5 overflow-x-auto">
      <table aria-label={label} className="w-full min-w-[36rem] text-left text-sm">
        <thead>
          <tr className="border-b border-zinc-200 text-xs tracking-wide text-zinc-500 uppercase dark:border-zinc-800 dark:text-zinc-400">
            {head.map((cell, index) => (
              <th key={index} scope="col" className="px-5 py-2 font-medium">
                {cell}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">{children}</tbody>
      </table>
    </div>
  );
}

export const CELL = 'px-5 py-3 align-middle';

/** The buttons of an editable settings row: change the item or delete it; `name` tells screen readers which. */
export function RowActions({ name, changeLabel, onChange, onDelete }: { name: string; changeLabel: string; onChange: () => void; onDelete: () => void }) {
  return (
    <>
      <Button size="sm" variant="ghost" onClick={onChange}>
        {changeLabel}
        <span className="sr-only"> {name}</span>
      </Button>
      <Button size="sm" variant="ghost-danger" onClick={onDelete}>
        Delete<span className="sr-only"> {name}</span>
      </Button>
    </>
  );
}

/** A note for people whose role cannot do what this page offers. */
export function ReadOnlyNote({ children }: { children: ReactNode }) {
  return (
    <p className="mb-4 flex items-start gap-2 rounded-md bg-zinc-50 px-3 py-2 text-sm text-zinc-600 dark:bg-zinc-800/50 dark:text-zinc-400">
      <svg aria-hidden viewBox="0 0 20 20" fill="currentColor" className="mt-0.5 h-4 w-4 shrink-0 text-zinc-400">
        <path fillRule="evenodd" d="M10 1a4.5 4.5 0 0 0-4.5 4.5V9H5a2 2 0 0 0-2 2v6a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2v-6a2 2 0 0 0-2-2h-.5V5.5A4.5 4.5 0 0 0 10 1Zm3 8V5.5a3 3 0 1 0-6 0V9h6Z" clipRule="evenodd" />
      </svg>
      <span>{children}</span>
    </p>
  );
}

/** What became of the last save of a settings form: its error, or what was saved. */
export function SaveOutcome({ error, saved }: { error: unknown; saved: string | null }) {
  if (!error && !saved) return null;
  return (
    <div className="mb-4">
      {error ? <Alert tone="error">{errorMessage(error)}</Alert> : <Alert tone="success">{saved}</Alert>}
    </div>
  );
}
