'use client';

import { useMutation } from '@tanstack/react-query';
import Link from 'next/link';
import { useEffect, useId, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { useConfirmDialog } from '@/components/ui/dialog';
import { describeDiff } from '@/components/versions/diff';
import { CopyButton, CopyableValue } from '@/components/ui/copy-button';
import { errorMessage } from '@/components/ui/errors';
import { Select } from '@/components/ui/field';
import { PanelHeader } from '@/components/ui/panel-header';
import { Loading } from '@/components/ui/spinner';
import { formatDateTime, relativeTime } from '@/components/ui/time';
import { useTRPC } from '@/components/trpc';
import { useEditorActions } from './editor-context';
import { TriggersSection } from './triggers-panel';
import { Icon } from '@/components/ui/icons';
import { entryNode } from './graph';
import { curlBearer, curlSigned, exampleBody, pythonBearer, pythonSigned } from './snippets';
import { useEditorStore } from './store';
import { useDeployChanges, useDeployedDiff, useDeploymentStatus, useRefreshDeployment } from './use-deployment';
import { weftCode } from './use-autosave';
import type { GraphProblem } from './types';

// The Deploy slide-over: deploy (freezes the saved graph as a numbered version), deploy the draft's changes, undeploy
// (after a confirmation), and arm a single-use webhook for the deployed version, with its URL, its secret (shown once),
// an expiry countdown and calls ready to paste. While open it follows the deployment live (a webhook being used).

const TTL_OPTIONS = [
  { value: '600', label: '10 minutes' },
  { value: '3600', label: '1 hour' },
  { value: '86400', label: '24 hours' },
];

interface ArmedWebhook {
  webhook_id: string;
  secret: string;
  url: string;
  expires_at: string;
}

function Countdown({ until }: { until: string }) {
  const [now, setNow] = useState(() => 0);
  useEffect(() => {
    const tick = () => setNow(Date.now());
    const first = setTimeout(tick, 0);
    const timer = setInterval(tick, 1000);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, []);
  if (now === 0) return null;
  const left = Math.max(0, Math.round((new Date(until).getTime() - now) / 1000));
  if (left === 0) return <span className="text-red-600 dark:text-red-400">expired</span>;
  const hours = Math.floor(left / 3600);
  const minutes = Math.floor((left % 3600) / 60);
  const seconds = left % 60;
  const text = hours > 0 ? `${hours} h ${String(minutes).padStart(2, '0')} min` : `${minutes}:${String(seconds).padStart(2, '0')}`;
  return (
    <span data-testid="webhook-countdown" title={formatDateTime(until)}>
      expires in {text}
    </span>
  );
}

export function DeployPanel({ open, onClose }: { open: boolean; onClose: () => void }) {
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !document.querySelector('dialog[open]')) onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open, onClose]);

  if (!open) return null;
  return (
    <div className="fixed inset-0 z-40 flex justify-end" role="presentation">
      <button type="button" aria-label="Close deploy panel" tabIndex={-1} onClick={onClose} className="absolute inset-0 bg-zinc-950/30 backdrop-blur-[1px]" />
      <section
        role="dialog"
        aria-modal="true"
        aria-labelledby="deploy-panel-title"
        className="relative flex h-full w-full max-w-xl flex-col border-l border-zinc-200 bg-white shadow-2xl dark:border-zinc-800 dark:bg-zinc-900"
      >
        <PanelHeader
          icon="rocket"
          title="Deploy"
          titleId="deploy-panel-title"
          description="Freeze this workflow as a version and call it from outside through a webhook. You keep editing the draft meanwhile."
          closeLabel="Close"
          onClose={onClose}
        />
        <DeployBody />
      </section>
    </div>
  );
}

type DeploymentStatus = NonNullable<ReturnType<typeof useDeploymentStatus>['data']>;

/** Deploy, undeploy and arm, each reporting its failure (or the graph's problems) for the panel to show. */
function useDeployActions(workflowId: string, flushSave: () => Promise<boolean>) {
  const trpc = useTRPC();
  const [problems, setProblems] = useState<GraphProblem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [armed, setArmed] = useState<ArmedWebhook | null>(null);
  const refresh = useRefreshDeployment(workflowId);
  const changes = useDeployChanges(workflowId, flushSave);

  const deploy = useMutation(
    trpc.deployments.deploy.mutationOptions({
      onSuccess: async (result) => {
        useEditorStore.getState().setAccess({ deployed: true });
        useEditorStore.getState().notify(`Deployed version ${result.version}. Keep editing: changes stay in the draft until you deploy them.`);
        await refresh();
      },
    }),
  );
  const undeploy = useMutation(
    trpc.deployments.undeploy.mutationOptions({
      onSuccess: async () => {
        setArmed(null);
        useEditorStore.getState().setAccess({ deployed: false });
        await refresh();
      },
    }),
  );
  const arm = useMutation(
    trpc.deployments.arm.mutationOptions({
      onSuccess: async (result) => {
        setArmed(result);
        await refresh();
      },
    }),
  );

  async function onDeploy() {
    setError(null);
    setProblems(null);
    if (!(await flushSave())) {
      setError(useEditorStore.getState().save.error ?? 'Save your changes before deploying.');
      return;
    }
    try {
      await deploy.mutateAsync({ workflow_id: workflowId });
    } catch (caught) {
      onDeployFailure(caught);
    }
  }

  function onDeployFailure(caught: unknown) {
    if (weftCode(caught) === 'invalid_graph') {
      const details = (caught as { data?: { details?: unknown } }).data?.details;
      setProblems(Array.isArray(details) ? (details as GraphProblem[]) : []);
    } else setError(errorMessage(caught, 'The workflow could not be deployed.'));
  }

  async function onDeployChanges() {
    setError(null);
    setProblems(null);
    try {
      await changes.deployChanges();
    } catch (caught) {
      onDeployFailure(caught);
    }
  }

  // Asked for in a confirmation dialog, which shows the failure itself.
  async function onUndeploy() {
    setError(null);
    await undeploy.mutateAsync({ workflow_id: workflowId });
  }

  async function onArm(ttlSeconds: number) {
    setError(null);
    try {
      await arm.mutateAsync({ workflow_id: workflowId, ttl_seconds: ttlSeconds });
    } catch (caught) {
      setError(errorMessage(caught, 'The webhook could not be armed.'));
    }
  }

  return {
    problems,
    error,
    armed,
    onDeploy,
    onDeployChanges,
    onUndeploy,
    onArm,
    deploying: deploy.isPending || changes.pending,
    arming: arm.isPending,
  };
}

function DeployBody() {
  const { workflowId, flushSave } = useEditorActions();
  const status = useDeploymentStatus(workflowId, { live: true });
  const actions = useDeployActions(workflowId, flushSave);

  if (status.isPending) return <div className="p-5"><Loading /></div>;
  if (status.isError) {
    return (
      <div className="p-5">
        <Alert tone="error" title="Could not load the deployment">
          {errorMessage(status.error)}
        </Alert>
      </div>
    );
  }
  const info = status.data;

  return (
    <div className="min-h-0 flex-1 space-y-6 overflow-y-auto p-5">
      <StatusSection info={info} actions={actions} />
      {info.deployed && <WebhookSection info={info} armed={actions.armed} onArm={actions.onArm} arming={actions.arming} />}
      <TriggersSection workflowId={workflowId} deployed={info.deployed} />
      {!info.deployed && info.attempts.length > 0 && (
        <section className="space-y-3 border-t border-zinc-200 pt-5 dark:border-zinc-800">
          <h3 className="text-sm font-semibold">Webhook calls</h3>
          <AttemptList workflowId={workflowId} attempts={info.attempts} />
        </section>
      )}
    </div>
  );
}

function StatusSection({ info, actions }: { info: DeploymentStatus; actions: ReturnType<typeof useDeployActions> }) {
  const viewer = useEditorStore((state) => state.viewer);
  const { workflowId } = useEditorActions();
  const { diff, differs } = useDeployedDiff(workflowId);
  const undeploy = useConfirmDialog({
    title: 'Undeploy this workflow?',
    description: 'Its webhooks and triggers stop answering: an armed webhook is disarmed and calls are refused until you deploy again. The draft is kept.',
    confirmLabel: 'Undeploy',
    onConfirm: actions.onUndeploy,
  });
  return (
    <section className="space-y-3">
      <div className="flex items-center gap-2">
        <h3 className="text-sm font-semibold">Status</h3>
        {info.deployed ? <Badge tone="emerald">Deployed · version {info.version}</Badge> : <Badge>Draft · not deployed</Badge>}
      </div>
      {info.deployed ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-300">
          Deployed {info.deployed_at ? <time dateTime={info.deployed_at} title={formatDateTime(info.deployed_at)}>{relativeTime(info.deployed_at)}</time> : null}. Webhooks and triggers
          run version {info.version} while you keep editing the draft; &ldquo;Deploy changes&rdquo; makes the draft the next version.
        </p>
      ) : (
        <p className="text-sm text-zinc-600 dark:text-zinc-300">
          Deploying checks the workflow, freezes it as a numbered version and lets you arm a webhook for it. You can keep editing the draft afterwards.
        </p>
      )}
      {info.deployed && (
        <p className="text-sm" data-testid="deploy-draft-state">
          {differs && diff ? (
            <span className="text-amber-800 dark:text-amber-300">The draft differs from version {info.version}: {describeDiff(diff)}</span>
          ) : (
            <span className="text-zinc-600 dark:text-zinc-300">The draft is the same as the deployed version.</span>
          )}
        </p>
      )}
      {actions.error && <Alert tone="error">{actions.error}</Alert>}
      {actions.problems && <DeployProblems problems={actions.problems} />}
      {!viewer && (
        <div className="flex gap-2">
          {info.deployed ? (
            <>
              {differs && (
                <Button variant="primary" onClick={actions.onDeployChanges} loading={actions.deploying}>
                  <Icon name="rocket" className="h-4 w-4" /> Deploy changes
                </Button>
              )}
              <Button variant="secondary" onClick={undeploy.show}>
                Undeploy…
              </Button>
            </>
          ) : (
            <Button variant="primary" onClick={actions.onDeploy} loading={actions.deploying}>
              <Icon name="rocket" className="h-4 w-4" /> Deploy
            </Button>
          )}
        </div>
      )}
      {undeploy.dialog}
    </section>
  );
}

function DeployProblems({ problems }: { problems: GraphProblem[] }) {
  const { focusBlock } = useEditorActions();
  return (
    <Alert tone="error" title="Fix these problems before deploying">
      <ul className="mt-1 space-y-1" data-testid="deploy-problems">
        {problems.length === 0 && <li>The workflow is not valid.</li>}
        {problems.map((problem, index) => (
          <li key={index} className="flex items-start justify-between gap-2">
            <span>{problem.message}</span>
            {problem.block_id && (
              <button type="button" className="shrink-0 text-xs font-medium underline" onClick={() => focusBlock(problem.block_id!)}>
                Show
              </button>
            )}
          </li>
        ))}
      </ul>
    </Alert>
  );
}

function WebhookSection({ info, armed, onArm, arming }: { info: DeploymentStatus; armed: ArmedWebhook | null; onArm: (ttlSeconds: number) => void; arming: boolean }) {
  const { workflowId } = useEditorActions();
  const viewer = useEditorStore((state) => state.viewer);
  const [ttl, setTtl] = useState('600');
  const ttlId = useId();
  const webhook = info.webhook;
  return (
    <section className="space-y-3 border-t border-zinc-200 pt-5 dark:border-zinc-800">
      <h3 className="text-sm font-semibold">Webhook</h3>
      <p className="text-sm text-zinc-600 dark:text-zinc-300">
        A webhook is a single-use URL: the first call with the right secret runs the deployed version with the request’s JSON body as input. Arming a
        new one revokes the previous one.
      </p>
      {!viewer && (
        <div className="flex items-end gap-2">
          <div>
            <label htmlFor={ttlId} className="mb-1 block text-xs font-medium text-zinc-600 dark:text-zinc-300">
              Valid for
            </label>
            <Select id={ttlId} options={TTL_OPTIONS} value={ttl} onChange={(event) => setTtl(event.target.value)} className="h-9" />
          </div>
          <Button variant={armed ? 'secondary' : 'primary'} onClick={() => onArm(Number(ttl))} loading={arming}>
            {armed || webhook ? 'Arm a new webhook' : 'Arm webhook'}
          </Button>
        </div>
      )}
      {/* The secret shows only while the server still has that webhook armed: once used or expired, its state does. */}
      {armed && webhook?.id === armed.webhook_id && webhook.active ? <ArmedDetails armed={armed} /> : webhook ? <WebhookSummary webhook={webhook} /> : null}
      {info.attempts.length > 0 && <AttemptList workflowId={workflowId} attempts={info.attempts} />}
    </section>
  );
}

/** The latest webhook as the server knows it: whether it can still be called, and its URL (never its secret). */
function WebhookSummary({ webhook }: { webhook: NonNullable<DeploymentStatus['webhook']> }) {
  return (
    <div className="space-y-2 rounded-lg border border-zinc-200 p-3 text-sm dark:border-zinc-800">
      <div className="flex items-center gap-2">
        {webhook.active ? <Badge tone="emerald">Armed</Badge> : webhook.consumed_at ? <Badge tone="indigo">Used</Badge> : <Badge tone="amber">Inactive</Badge>}
        <span className="text-xs text-zinc-500 dark:text-zinc-400">
          {webhook.active ? (
            <Countdown until={webhook.expires_at} />
          ) : webhook.consumed_at ? (
            `called ${relativeTime(webhook.consumed_at)}`
          ) : webhook.revoked_at ? (
            'revoked'
          ) : (
            'expired'
          )}
        </span>
      </div>
      <CopyableValue value={webhook.url} label="webhook URL" />
      {webhook.active && <p className="text-xs text-zinc-500 dark:text-zinc-400">Its secret was shown when it was armed and is not stored in readable form. Arm a new webhook if you lost it.</p>}
    </div>
  );
}

interface WebhookAttempt {
  id: string;
  accepted: boolean;
  reason: string | null;
  source_ip: string | null;
  execution_id: string | null;
  at: string;
}

/** "accepted (bearer)" → "authenticated by bearer"; "already_consumed" → "already consumed". */
function attemptReason(attempt: WebhookAttempt): string | null {
  if (!attempt.reason) return null;
  const accepted = /^accepted \((.+)\)$/.exec(attempt.reason);
  if (accepted) return `authenticated by ${accepted[1]}`;
  return attempt.reason === 'accepted' ? null : attempt.reason.replace(/_/g, ' ');
}

const ATTEMPTS_SHOWN = 10;

/** Every call of the workflow's webhooks, accepted or refused, newest first: why, from where, when. */
function AttemptList({ workflowId, attempts }: { workflowId: string; attempts: WebhookAttempt[] }) {
  return (
    <div>
      <h4 className="mb-1.5 text-xs font-semibold tracking-wide text-zinc-500 uppercase">Recent calls</h4>
      <ul data-testid="webhook-attempts" className="divide-y divide-zinc-100 rounded-lg border border-zinc-200 text-xs dark:divide-zinc-800 dark:border-zinc-800">
        {attempts.slice(0, ATTEMPTS_SHOWN).map((attempt) => {
          const reason = attemptReason(attempt);
          return (
            <li key={attempt.id} data-testid="webhook-attempt" data-accepted={attempt.accepted} className="flex items-start justify-between gap-3 px-3 py-1.5">
              <div className="min-w-0">
                <p className={`font-medium ${attempt.accepted ? 'text-emerald-700 dark:text-emerald-400' : 'text-red-600 dark:text-red-400'}`}>
                  {attempt.accepted ? 'Accepted' : 'Refused'}
                  {reason && <span className="font-normal text-zinc-600 dark:text-zinc-300"> · {reason}</span>}
                </p>
                <p className="text-zinc-500 dark:text-zinc-400">
                  from <span className="font-mono">{attempt.source_ip ?? 'unknown address'}</span>
                  {attempt.execution_id && (
                    <>
                      {' · '}
                      <Link
                        href={`/workflows/${encodeURIComponent(workflowId)}/executions/${encodeURIComponent(attempt.execution_id)}`}
                        className="font-medium text-indigo-600 hover:underline dark:text-indigo-400"
                      >
                        execution
                      </Link>
                    </>
                  )}
                </p>
              </div>
              <time dateTime={attempt.at} title={formatDateTime(attempt.at)} className="shrink-0 text-zinc-500">
                {relativeTime(attempt.at)}
              </time>
            </li>
          );
        })}
      </ul>
      {attempts.length > ATTEMPTS_SHOWN && (
        <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
          The latest {ATTEMPTS_SHOWN} of {attempts.length} recorded calls.
        </p>
      )}
    </div>
  );
}

const SNIPPETS = [
  { id: 'curl', label: 'curl', render: curlBearer },
  { id: 'curl-signed', label: 'curl (signed)', render: curlSigned },
  { id: 'python', label: 'Python', render: pythonBearer },
  { id: 'python-signed', label: 'Python (signed)', render: pythonSigned },
] as const;

function ArmedDetails({ armed }: { armed: ArmedWebhook }) {
  const [tab, setTab] = useState<(typeof SNIPPETS)[number]['id']>('curl');
  const fields = useEditorStore((state) => entryNode(state.nodes, state.catalog)?.data.config.fields);
  const body = exampleBody(fields);
  const snippet = SNIPPETS.find((candidate) => candidate.id === tab)!.render({ url: armed.url, secret: armed.secret, body });
  return (
    <div className="space-y-3 rounded-lg border border-emerald-200 bg-emerald-50/40 p-3 dark:border-emerald-900/60 dark:bg-emerald-950/20">
      <div className="flex items-center gap-2 text-xs">
        <Badge tone="emerald">Armed</Badge>
        <span className="text-zinc-600 dark:text-zinc-300">
          <Countdown until={armed.expires_at} />
        </span>
      </div>
      <div>
        <p className="mb-1 text-xs font-medium text-zinc-600 dark:text-zinc-300">URL</p>
        <CopyableValue value={armed.url} label="webhook URL" testId="webhook-url" />
      </div>
      <div>
        <p className="mb-1 text-xs font-medium text-zinc-600 dark:text-zinc-300">Secret</p>
        <CopyableValue value={armed.secret} label="webhook secret" testId="webhook-secret" />
        <p className="mt-1 text-xs font-medium text-amber-700 dark:text-amber-300">Copy it now: the secret is shown only this once.</p>
      </div>
      <div>
        <div role="tablist" aria-label="Example calls" className="mb-2 flex flex-wrap gap-1">
          {SNIPPETS.map((candidate) => (
            <button
              key={candidate.id}
              type="button"
              role="tab"
              aria-selected={tab === candidate.id}
              onClick={() => setTab(candidate.id)}
              className={`rounded-md px-2 py-1 text-xs font-medium ${tab === candidate.id ? 'bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900' : 'text-zinc-600 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800'}`}
            >
              {candidate.label}
            </button>
          ))}
        </div>
        <div role="tabpanel" className="relative">
          <pre data-testid="webhook-snippet" tabIndex={0} aria-label="Example call" className="max-h-72 overflow-auto rounded-md bg-zinc-950 p-3 pr-20 font-mono text-[11.5px] leading-5 text-zinc-100">
            {snippet}
          </pre>
          <div className="absolute top-2 right-2">
            <CopyButton value={snippet} aria-label="Copy example call" />
          </div>
        </div>
        <p className="mt-1.5 text-xs text-zinc-500 dark:text-zinc-400">
          Signed calls follow the Standard Webhooks scheme (HMAC-SHA256 of <code className="font-mono">id.timestamp.body</code>); the timestamp must be within 5 minutes.
        </p>
      </div>
    </div>
  );
}
