import type { ReactNode } from 'react';

/** The centred card the sign-in, sign-up and invitation pages sit in. */
export function AuthCard({ title, description, children }: { title: string; description?: ReactNode; children: ReactNode }) {
  return (
    <div className="flex flex-1 items-start justify-center px-4 py-12 sm:items-center sm:py-16">
      <div className="w-full max-w-sm">
        <div className="mb-6 text-center">
          <span aria-hidden className="mx-auto mb-4 grid h-10 w-10 place-items-center rounded-lg bg-indigo-600 text-lg font-semibold text-white">
            W
          </span>
          <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
          {description && <div className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">{description}</div>}
        </div>
        <div className="rounded-xl border border-zinc-200 bg-white p-6 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">{children}</div>
      </div>
    </div>
  );
}
