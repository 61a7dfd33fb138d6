'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTRPC, useTRPCClient } from '@/components/trpc';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button, buttonClasses } from '@/components/ui/button';
import { CopyableValue } from '@/components/ui/copy-button';
import { errorMessage } from '@/components/ui/errors';
import { categoryTone, Icon, TemplateIcon } from '@/components/ui/icons';
import { SearchBox } from '@/components/ui/search-box';
import { Spinner } from '@/components/ui/spinner';
import { TEMPLATE_CATEGORIES, WORKFLOW_TEMPLATES, type TemplateCategory, type WorkflowTemplate } from '@/lib/templates';

/** Creates a complete workflow from a template (with its sub-workflow and trigger) and opens it in the editor. */
export function useCreateFromTemplate() {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const router = useRouter();
  const [pending, setPending] = useState<WorkflowTemplate | null>(null);
  const [created, setCreated] = useState<CreatedWithSecret | null>(null);
  const mutation = useMutation({
    mutationFn: (template: WorkflowTemplate) => client.workflows.fromTemplate.mutate({ template_id: template.id }),
    onMutate: (template) => setPending(template),
    onSuccess: (workflow) => {
      void queryClient.invalidateQueries(trpc.workflows.list.pathFilter());
      // A webhook's secret is in this answer only: show it before the editor, where nothing can show it again.
      if (workflow.trigger?.secret) {
        setPending(null);
        setCreated({ id: workflow.id, name: workflow.name, url: workflow.trigger.url, secret: workflow.trigger.secret });
        return;
      }
      // `pending` stays set: the page is on its way to the editor.
      router.push(`/workflows/${workflow.id}`);
    },
    onError: () => setPending(null),
  });
  return {
    start: (template: WorkflowTemplate) => {
      if (!pending && !created) mutation.mutate(template);
    },
    pending,
    created,
    error: mutation.isError ? mutation.error : null,
    dismissError: () => mutation.reset(),
  };
}

/** A workflow made from a template whose webhook has a secret, which is shown this once. */
interface CreatedWithSecret {
  id: string;
  name: string;
  url: string | null;
  secret: string;
}

/** "Creating …" while a template becomes a workflow, or why it could not, or the new webhook's secret to copy. */
export function TemplateProgress({ templates }: { templates: ReturnType<typeof useCreateFromTemplate> }) {
  if (templates.created) return <NewWebhookSecret created={templates.created} />;
  if (templates.pending) {
    return (
      <Alert tone="info">
        <span className="flex items-center gap-2">
          <Spinner className="h-3.5 w-3.5" /> Creating “{templates.pending.name}” and opening it in the editor…
        </span>
      </Alert>
    );
  }
  if (!templates.error) return null;
  return (
    <Alert
      tone="error"
      title="Could not create the workflow from the template"
      action={
        <Button variant="ghost" size="sm" onClick={templates.dismissError}>
          Dismiss
        </Button>
      }
    >
      {errorMessage(templates.error)}
    </Alert>
  );
}

/** The secret of the webhook a template came with, shown once as the Triggers section shows a new one's. */
function NewWebhookSecret({ created }: { created: CreatedWithSecret }) {
  // The card that was clicked may be far below: bring the secret into view and focus, so it is seen and read out.
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    box.current?.scrollIntoView({ block: 'nearest' });
    box.current?.focus();
  }, []);
  return (
    <div ref={box} tabIndex={-1} className="outline-none">
      <Alert
        tone="success"
        title={`“${created.name}” is ready; its webhook has a secret`}
        action={
          <Link href={`/workflows/${created.id}`} className={buttonClasses('primary', 'sm')}>
            Open in the editor
          </Link>
        }
      >
        <div className="mt-2 space-y-2">
          {created.url && (
            <p>
              Callers post to <code className="font-mono break-all">{created.url}</code> once the workflow is deployed, with this secret:
            </p>
          )}
          <CopyableValue value={created.secret} label="webhook secret" testId="template-trigger-secret" />
          <p className="font-medium">Copy it now: the secret is shown only this once.</p>
        </div>
      </Alert>
    </div>
  );
}

type BlockLook = { label: string; icon: string; category: string };

const TRIGGER_LABELS: Record<NonNullable<WorkflowTemplate['trigger']>['kind'], string> = {
  schedule: 'Runs on a schedule',
  webhook: 'Starts from a webhook',
  form: 'Comes with a form',
};

const categoryLabel = (id: TemplateCategory) => TEMPLATE_CATEGORIES.find((category) => category.id === id)!.label;

/** The block types of a template, each once, in the order they appear. */
function blockTypesOf(template: WorkflowTemplate): string[] {
  return [...new Set(template.graph.blocks.map((block) => block.type))];
}

/** Whether every word of the query is in the template's name, description, category or block names. */
function matches(template: WorkflowTemplate, query: string, looks: ReadonlyMap<string, BlockLook>): boolean {
  const haystack = [template.name, template.description, categoryLabel(template.category), ...blockTypesOf(template).map((type) => looks.get(type)?.label ?? type)]
    .join(' ')
    .toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}

/** How each block type looks (icon, label, colour), from the block catalog. */
function useBlockLooks(): ReadonlyMap<string, BlockLook> {
  const trpc = useTRPC();
  const catalog = useQuery(trpc.blocks.catalog.queryOptions());
  return useMemo(() => new Map((catalog.data?.blocks ?? []).map((block) => [block.type, { label: block.label, icon: block.icon, category: block.category }])), [catalog.data]);
}

/** The gallery: a search field, a category filter, and a card per template with its blocks and "Use template". */
export function TemplateGallery({ onStart, pending, canUse = true }: { onStart: (template: WorkflowTemplate) => void; pending: WorkflowTemplate | null; canUse?: boolean }) {
  const [query, setQuery] = useState('');
  const [category, setCategory] = useState<TemplateCategory | 'all'>('all');
  const looks = useBlockLooks();
  const shown = WORKFLOW_TEMPLATES.filter((template) => (category === 'all' || template.category === category) && matches(template, query, looks));
  const clear = () => {
    setQuery('');
    setCategory('all');
  };
  return (
    <div className="space-y-4">
      <div className="flex flex-col gap-3 lg:flex-row lg:items-center lg:justify-between">
        <CategoryFilter value={category} onChange={setCategory} />
        <SearchBox value={query} onCommit={setQuery} busy={false} label="Search templates" placeholder="Search templates" className="lg:w-72" live />
      </div>
      <p role="status" className="text-sm text-zinc-600 dark:text-zinc-400">
        {shown.length === 1 ? '1 template' : `${shown.length} templates`}
      </p>
      {shown.length === 0 ? (
        <div className="rounded-xl border border-dashed border-zinc-300 px-6 py-8 text-center text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
          No template matches{query.trim() ? ` “${query.trim()}”` : ''}{category === 'all' ? '' : ` in ${categoryLabel(category)}`}.{' '}
          <Button variant="ghost" size="sm" onClick={clear}>
            Clear filters
          </Button>
        </div>
      ) : (
        <ul role="list" aria-label="Templates" className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
          {shown.map((template) => (
            <li key={template.id} className="flex">
              <TemplateCard template={template} looks={looks} busy={pending?.id === template.id} disabled={!canUse || pending !== null} onStart={() => onStart(template)} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** All, or one category: radio buttons drawn as chips (arrow keys move between them). */
function CategoryFilter({ value, onChange }: { value: TemplateCategory | 'all'; onChange: (value: TemplateCategory | 'all') => void }) {
  const name = useId();
  const options = [{ id: 'all' as const, label: 'All' }, ...TEMPLATE_CATEGORIES];
  return (
    <fieldset className="min-w-0">
      <legend className="sr-only">Category</legend>
      <div className="flex flex-wrap gap-2">
        {options.map((option) => {
          const count = option.id === 'all' ? WORKFLOW_TEMPLATES.length : WORKFLOW_TEMPLATES.filter((template) => template.category === option.id).length;
          return (
            <label
              key={option.id}
              className="relative cursor-pointer rounded-full border border-zinc-300 bg-white px-3 py-1 text-sm text-zinc-700 transition select-none has-checked:border-indigo-600 has-checked:bg-indigo-600 has-checked:text-white has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-indigo-500 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-300 dark:has-checked:border-indigo-500 dark:has-checked:bg-indigo-600 dark:has-checked:text-white"
            >
              <input type="radio" name={name} value={option.id} checked={value === option.id} onChange={() => onChange(option.id)} className="sr-only" />
              {option.label} ({count})
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}

function TemplateCard({ template, looks, busy, disabled, onStart }: { template: WorkflowTemplate; looks: ReadonlyMap<string, BlockLook>; busy: boolean; disabled: boolean; onStart: () => void }) {
  const titleId = useId();
  const descriptionId = useId();
  return (
    <article
      aria-labelledby={titleId}
      data-testid={`template-${template.id}`}
      className="flex w-full flex-col rounded-xl border border-zinc-200 bg-white p-4 shadow-sm transition hover:border-indigo-300 hover:shadow-md dark:border-zinc-800 dark:bg-zinc-900 dark:hover:border-indigo-700"
    >
      <div className="flex flex-wrap items-center gap-2">
        <Badge tone="indigo">{categoryLabel(template.category)}</Badge>
        {template.trigger && <Badge tone="emerald">{TRIGGER_LABELS[template.trigger.kind]}</Badge>}
      </div>
      <h3 id={titleId} className="mt-3 text-sm font-semibold text-zinc-900 dark:text-zinc-100">
        {template.name}
      </h3>
      <p id={descriptionId} className="mt-1 flex-1 text-sm text-zinc-600 dark:text-zinc-400">
        {template.description}
      </p>
      <BlockIcons types={blockTypesOf(template)} looks={looks} />
      <div className="mt-4">
        <Button variant="secondary" size="sm" onClick={onStart} disabled={disabled} aria-describedby={descriptionId} aria-busy={busy || undefined} aria-label={`Use template “${template.name}”`}>
          {busy ? (
            <>
              <Spinner className="h-3.5 w-3.5" /> Creating…
            </>
          ) : (
            <>
              <TemplateIcon /> Use template
            </>
          )}
        </Button>
      </div>
    </article>
  );
}

/** The kinds of blocks a template uses, as the palette draws them; their names are read out as one list. */
function BlockIcons({ types, looks }: { types: string[]; looks: ReadonlyMap<string, BlockLook> }) {
  const labels = types.map((type) => looks.get(type)?.label ?? type);
  return (
    <p className="mt-3 flex flex-wrap items-center gap-1.5">
      <span className="sr-only">Blocks: {labels.join(', ')}</span>
      {types.map((type, index) => {
        const look = looks.get(type);
        return (
          <span key={type} aria-hidden title={labels[index]} className={`grid h-7 w-7 place-items-center rounded-md ${categoryTone(look?.category).icon}`}>
            <Icon name={look?.icon ?? 'box'} className="h-3.5 w-3.5" />
          </span>
        );
      })}
    </p>
  );
}

/** "From template", next to "New workflow" once the list has something in it: opens the gallery. */
export function TemplatesLink() {
  return (
    <Link href="/templates" className={buttonClasses('secondary', 'md')}>
      <TemplateIcon />
      From template
    </Link>
  );
}
