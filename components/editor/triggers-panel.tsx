'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@/server/api/root';
import type { TriggerView } from '@/server/services/trigger-schemas';
import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { CopyableValue } from '@/components/ui/copy-button';
import { errorMessage } from '@/components/ui/errors';
import { SelectField, TextField } from '@/components/ui/field';
import { formatDateTime } from '@/components/ui/time';
import { useTRPC } from '@/components/trpc';
import { useEditorStore } from './store';
import { useRefresh } from '@/components/ui/use-refresh';

// The Triggers section of the Deploy panel: schedules, standing webhooks and hosted forms of this workflow. They fire
// the deployed version while it is deployed. A webhook's secret is shown once, right after it is created; a cron
// expression shows its next five runs as it is typed.

type NewTrigger = inferRouterInputs<AppRouter>['triggers']['create']['trigger'];
type Kind = NewTrigger['kind'];
type ConfigOf<K extends Kind> = Extract<NewTrigger, { kind: K }>['config'];
/** The kinds with their labels and descriptions, as the server's registry (server/triggers) has them. */
type KindCatalog = inferRouterOutputs<AppRouter>['triggers']['kinds'];
type Auth = NonNullable<ConfigOf<'webhook'>['auth']>;
type Overlap = NonNullable<ConfigOf<'schedule'>['overlap']>;
/** Every choice the server accepts, named for people: one the server adds fails to compile here until it has a name. */
const AUTH_LABELS: Record<Auth, string> = {
  bearer: 'Bearer secret',
  standard_webhooks: 'Standard Webhooks signature',
  hmac_sha256: 'HMAC-SHA256 in a header',
  github: 'GitHub (X-Hub-Signature-256)',
  stripe: 'Stripe (Stripe-Signature)',
  none: 'None (anyone with the URL)',
};
const OVERLAP_LABELS: Record<Overlap, string> = {
  skip: 'Skip a run while the last one is going',
  queue: 'Run once the last one has ended',
  allow: 'Run anyway',
};
const optionsOf = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));
const AUTH_OPTIONS = optionsOf(AUTH_LABELS);
const OVERLAP_OPTIONS = optionsOf(OVERLAP_LABELS);

/** A trigger as the API shows it (its secret only in the answer that created it). */
type TriggerItem = TriggerView;

function describeConfig(trigger: TriggerItem): string {
  const c = trigger.config;
  if (trigger.kind === 'schedule') return `${String(c.cron)} (${String(c.timezone)})`;
  if (trigger.kind === 'webhook') return `${(AUTH_LABELS as Record<string, string>)[String(c.auth)] ?? String(c.auth)}, ${String(c.mode)}`;
  return c.access === 'public' ? 'Anyone with the link' : 'Members of this workspace';
}

function NextRuns({ runs }: { runs: string[] }) {
  return (
    <ol aria-label="Next runs" className="list-inside list-decimal text-xs text-zinc-600 dark:text-zinc-300">
      {runs.map((run) => (
        <li key={run}>{formatDateTime(run)}</li>
      ))}
    </ol>
  );
}

function SchedulePreview({ cron, timezone }: { cron: string; timezone: string }) {
  const trpc = useTRPC();
  const preview = useQuery({ ...trpc.triggers.previewSchedule.queryOptions({ cron, timezone }), enabled: cron.trim() !== '', retry: false });
  if (cron.trim() === '') return null;
  if (preview.isError) return <p className="text-xs text-red-600 dark:text-red-400">{errorMessage(preview.error)}</p>;
  return preview.data ? <NextRuns runs={preview.data.next_runs} /> : null;
}

function useTriggerMutations(workflowId: string, onCreated: (trigger: TriggerItem) => void) {
  const trpc = useTRPC();
  const refresh = useRefresh(trpc.triggers.list.queryKey({ workflow_id: workflowId }));
  const create = useMutation(trpc.triggers.create.mutationOptions({ onSuccess: (trigger) => { onCreated(trigger); void refresh(); } }));
  const update = useMutation(trpc.triggers.update.mutationOptions({ onSuccess: () => void refresh() }));
  const remove = useMutation(trpc.triggers.delete.mutationOptions({ onSuccess: () => void refresh() }));
  return { create, update, remove };
}

function NewTriggerForm({ kinds, onCreate, pending, error }: { kinds: KindCatalog; onCreate: (trigger: NewTrigger) => void; pending: boolean; error: string | null }) {
  const [kind, setKind] = useState<Kind>('schedule');
  const [cron, setCron] = useState('0 9 * * 1-5');
  const [timezone, setTimezone] = useState(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
  const [overlap, setOverlap] = useState<Overlap>('skip');
  const [auth, setAuth] = useState<Auth>('bearer');
  const [mode, setMode] = useState<NonNullable<ConfigOf<'webhook'>['mode']>>('sync');
  const [header, setHeader] = useState('X-Signature-256');
  const [access, setAccess] = useState<NonNullable<ConfigOf<'form'>['access']>>('workspace');
  const trigger = (): NewTrigger => {
    if (kind === 'schedule') return { kind, config: { cron, timezone, overlap } };
    if (kind === 'webhook') return { kind, config: { auth, mode, ...(auth === 'hmac_sha256' ? { signature_header: header } : {}) } };
    return { kind, config: { access } };
  };
  return (
    <form
      aria-label="New trigger"
      className="space-y-3 rounded-lg border border-zinc-200 p-3 dark:border-zinc-800"
      onSubmit={(event) => {
        event.preventDefault();
        onCreate(trigger());
      }}
    >
      <SelectField
        label="Kind"
        options={kinds.map((option) => ({ value: option.kind, label: option.label }))}
        hint={kinds.find((option) => option.kind === kind)?.description}
        value={kind}
        onChange={(e) => setKind(e.target.value as Kind)}
      />
      {kind === 'schedule' && (
        <>
          <TextField label="Cron" hint="5 fields (minute hour day month weekday) or 6 with seconds first" value={cron} onChange={(e) => setCron(e.target.value)} />
          <TextField label="Time zone" value={timezone} onChange={(e) => setTimezone(e.target.value)} />
          <SelectField label="Overlap" options={OVERLAP_OPTIONS} value={overlap} onChange={(e) => setOverlap(e.target.value as typeof overlap)} />
          <SchedulePreview cron={cron} timezone={timezone} />
        </>
      )}
      {kind === 'webhook' && (
        <>
          <SelectField label="Authentication" options={AUTH_OPTIONS} value={auth} onChange={(e) => setAuth(e.target.value as typeof auth)} />
          {auth === 'hmac_sha256' && <TextField label="Signature header" value={header} onChange={(e) => setHeader(e.target.value)} />}
          {auth === 'none' && <Alert tone="warning">Anyone who learns the URL can run this workflow.</Alert>}
          <SelectField label="Answer" options={[{ value: 'sync', label: 'Wait and answer with the output' }, { value: 'async', label: 'Answer 202 at once' }]} value={mode} onChange={(e) => setMode(e.target.value as typeof mode)} />
        </>
      )}
      {kind === 'form' && (
        <SelectField label="Who may use it" options={[{ value: 'workspace', label: 'Members of this workspace' }, { value: 'public', label: 'Anyone with the link' }]} value={access} onChange={(e) => setAccess(e.target.value as typeof access)} />
      )}
      {error && <Alert tone="error">{error}</Alert>}
      <Button type="submit" variant="primary" size="sm" loading={pending}>
        Add trigger
      </Button>
    </form>
  );
}

function TriggerRow({ trigger, label, viewer, onToggle, onDelete }: { trigger: TriggerItem; label: string; viewer: boolean; onToggle: () => void; onDelete: () => void }) {
  return (
    <li className="space-y-2 rounded-lg border border-zinc-200 p-3 dark:border-zinc-800" data-testid="trigger-row">
      <div className="flex items-center gap-2 text-sm">
        <Badge tone={trigger.enabled ? 'emerald' : 'neutral'}>{trigger.enabled ? 'On' : 'Off'}</Badge>
        <span className="font-medium">{label}</span>
        <span className="min-w-0 flex-1 truncate text-xs text-zinc-600 dark:text-zinc-300">{describeConfig(trigger)}</span>
        {!viewer && (
          <>
            <Button size="sm" variant="ghost" onClick={onToggle}>
              {trigger.enabled ? 'Disable' : 'Enable'}
            </Button>
            <Button size="sm" variant="danger" onClick={onDelete} aria-label={`Delete ${trigger.kind} trigger`}>
              Delete
            </Button>
          </>
        )}
      </div>
      {trigger.url && <CopyableValue value={trigger.url} label={`${trigger.kind} URL`} />}
      {trigger.kind === 'webhook' && trigger.config.auth === 'none' && <Alert tone="warning">No authentication: anyone with the URL can run this workflow.</Alert>}
      {trigger.next_runs && trigger.enabled && <NextRuns runs={trigger.next_runs} />}
    </li>
  );
}

export function TriggersSection({ workflowId, deployed }: { workflowId: string; deployed: boolean }) {
  const trpc = useTRPC();
  const viewer = useEditorStore((state) => state.viewer);
  const list = useQuery(trpc.triggers.list.queryOptions({ workflow_id: workflowId }));
  const kinds = useQuery({ ...trpc.triggers.kinds.queryOptions(), staleTime: Infinity });
  const [created, setCreated] = useState<TriggerItem | null>(null);
  const { create, update, remove } = useTriggerMutations(workflowId, setCreated);
  return (
    <section className="space-y-3 border-t border-zinc-200 pt-5 dark:border-zinc-800" aria-label="Triggers">
      <h3 className="text-sm font-semibold">Triggers</h3>
      <p className="text-xs text-zinc-600 dark:text-zinc-300">
        Schedules, standing webhooks and forms run the deployed version{deployed ? '' : ' — this workflow is not deployed, so they wait until it is'}.
      </p>
      {list.isError && <Alert tone="error">{errorMessage(list.error)}</Alert>}
      <ul className="space-y-2">
        {(list.data?.triggers ?? []).map((trigger) => (
          <TriggerRow
            key={trigger.id}
            trigger={trigger}
            label={kinds.data?.find((option) => option.kind === trigger.kind)?.label ?? trigger.kind}
            viewer={viewer}
            onToggle={() => update.mutate({ workflow_id: workflowId, trigger_id: trigger.id, patch: { enabled: !trigger.enabled } })}
            onDelete={() => remove.mutate({ workflow_id: workflowId, trigger_id: trigger.id })}
          />
        ))}
      </ul>
      {created?.secret && (
        <div className="space-y-1">
          <p className="text-xs font-medium text-zinc-600 dark:text-zinc-300">Secret of the new webhook</p>
          <CopyableValue value={created.secret} label="trigger secret" testId="trigger-secret" />
          <p className="text-xs font-medium text-amber-700 dark:text-amber-300">Copy it now: the secret is shown only this once.</p>
        </div>
      )}
      {!viewer && kinds.data && (
        <NewTriggerForm
          kinds={kinds.data}
          pending={create.isPending}
          error={create.isError ? errorMessage(create.error) : null}
          onCreate={(trigger) => create.mutate({ workflow_id: workflowId, trigger })}
        />
      )}
    </section>
  );
}
