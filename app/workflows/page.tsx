import type { Metadata } from 'next';

export const metadata: Metadata = { title: 'Workflows' };

export default function WorkflowsPage() {
  return (
    <div className="mx-auto w-full max-w-screen-xl px-4 py-8">
      <div className="mb-6 flex items-center justify-between">
        <h1 className="text-2xl font-semibold tracking-tight">Workflows</h1>
      </div>
      <div className="rounded-xl border border-dashed border-zinc-300 bg-white p-12 text-center dark:border-zinc-700 dark:bg-zinc-900">
        <h2 className="text-lg font-medium">No workflows yet</h2>
        <p className="mt-2 text-sm text-zinc-500">Workflows you build will be listed here.</p>
      </div>
    </div>
  );
}
