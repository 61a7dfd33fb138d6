'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { useTRPC, useTRPCClient } from '@/components/trpc';
import { buttonClasses } from '@/components/ui/button';
import { Menu, MenuItem, MenuLabel } from '@/components/ui/menu';
import { Spinner } from '@/components/ui/spinner';
import { ChevronDownIcon, TemplateIcon } from '@/components/ui/icons';
import { WORKFLOW_TEMPLATES, type WorkflowTemplate } from './templates';

/** Creates a complete workflow from a template in one atomic step (an import) and opens it in the editor. */
export function useCreateFromTemplate() {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const router = useRouter();
  const [pending, setPending] = useState<WorkflowTemplate | null>(null);
  const mutation = useMutation({
    mutationFn: async (template: WorkflowTemplate) => {
      return client.workflows.import.mutate({ name: template.name, description: template.description, ...template.graph });
    },
    onMutate: (template) => setPending(template),
    onSuccess: (workflow) => {
      void queryClient.invalidateQueries(trpc.workflows.list.pathFilter());
      // `pending` stays set: the page is on its way to the editor.
      router.push(`/workflows/${workflow.id}`);
    },
    onError: () => setPending(null),
  });
  return {
    start: (template: WorkflowTemplate) => {
      if (!pending) mutation.mutate(template);
    },
    pending,
    error: mutation.isError ? mutation.error : null,
    dismissError: () => mutation.reset(),
  };
}

/** Cards of ready-made workflows, for the empty list. */
export function TemplateGallery({ onStart, pending }: { onStart: (template: WorkflowTemplate) => void; pending: WorkflowTemplate | null }) {
  return (
    <ul role="list" aria-label="Templates" className="grid gap-4 md:grid-cols-3">
      {WORKFLOW_TEMPLATES.map((template) => (
        <li key={template.id} className="flex">
          <TemplateCard template={template} busy={pending?.id === template.id} disabled={pending !== null} onStart={() => onStart(template)} />
        </li>
      ))}
    </ul>
  );
}

function TemplateCard({ template, busy, disabled, onStart }: { template: WorkflowTemplate; busy: boolean; disabled: boolean; onStart: () => void }) {
  const titleId = useId();
  const descriptionId = useId();
  return (
    <button
      type="button"
      onClick={onStart}
      disabled={disabled}
      aria-labelledby={titleId}
      aria-describedby={descriptionId}
      aria-busy={busy || undefined}
      data-testid={`template-${template.id}`}
      className="group flex w-full flex-col rounded-xl border border-zinc-200 bg-white p-4 text-left shadow-sm transition hover:-translate-y-0.5 hover:border-indigo-300 hover:shadow-md focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 disabled:cursor-not-allowed disabled:opacity-60 disabled:hover:translate-y-0 disabled:hover:border-zinc-200 disabled:hover:shadow-sm dark:border-zinc-800 dark:bg-zinc-900 dark:hover:border-indigo-700 dark:disabled:hover:border-zinc-800"
    >
      <StepsPreview steps={template.steps} />
      <span id={titleId} className="mt-3 text-sm font-semibold text-zinc-900 dark:text-zinc-100">
        {template.name}
      </span>
      <span id={descriptionId} className="mt-1 flex-1 text-sm text-zinc-600 dark:text-zinc-400">
        {template.description}
      </span>
      <span className="mt-4 inline-flex items-center gap-1.5 text-sm font-medium text-indigo-600 group-hover:text-indigo-500 dark:text-indigo-400 dark:group-hover:text-indigo-300">
        {busy ? (
          <>
            <Spinner className="h-3.5 w-3.5" /> Creating…
          </>
        ) : (
          <>
            Use this template <span aria-hidden>→</span>
          </>
        )}
      </span>
    </button>
  );
}

/** The blocks of a template as a little left-to-right pipeline. */
function StepsPreview({ steps }: { steps: string[] }) {
  return (
    <span aria-hidden className="flex flex-wrap items-center gap-1 text-[11px] font-medium">
      {steps.map((step, index) => (
        <span key={index} className="flex items-center gap-1">
          {index > 0 && <span className="text-zinc-300 dark:text-zinc-600">→</span>}
          <span className="rounded bg-zinc-100 px-1.5 py-0.5 text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300">{step}</span>
        </span>
      ))}
    </span>
  );
}

/** "From template", next to "New workflow" once the list has something in it. */
export function TemplateMenu({ onStart, pending }: { onStart: (template: WorkflowTemplate) => void; pending: WorkflowTemplate | null }) {
  return (
    <Menu
      testId="template-menu"
      label="From template"
      buttonClassName={buttonClasses('secondary', 'md')}
      button={
        <>
          {pending ? <Spinner className="h-3.5 w-3.5" /> : <TemplateIcon />}
          From template
          <ChevronDownIcon className="h-4 w-4 text-zinc-400" />
        </>
      }
    >
      <MenuLabel>Start from a complete, working workflow</MenuLabel>
      {WORKFLOW_TEMPLATES.map((template) => (
        <MenuItem key={template.id} onSelect={() => onStart(template)}>
          <span className="min-w-0">
            <span className="block font-medium">{template.name}</span>
            <span className="mt-0.5 block text-xs text-zinc-500 dark:text-zinc-400">{template.steps.join(' → ')}</span>
          </span>
        </MenuItem>
      ))}
    </Menu>
  );
}
