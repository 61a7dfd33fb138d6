'use client';

import Link from 'next/link';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Button } from '@/components/ui/button';
import { Spinner } from '@/components/ui/spinner';
import { useEditorActions } from './editor-context';
import { Icon } from '@/components/ui/icons';
import { formatMs } from './inspector';
import { BudgetNotice } from '@/components/dashboard/budget-notice';
import { BlockStatusIcon } from '@/components/executions/status';
import { RunCost } from './run-cost';
import { isRunActive } from '@/components/run-events/run-state';
import { useEditorStore } from './store';
import type { BlockRunState, RunState } from './types';

// The bottom panel of a run: overall status and duration, Cancel, a link to the execution's page, the steps in the
// order they ran and, for the one picked, its streamed text, console lines, error and output.

const RUN_STATUS: Record<RunState['status'], { label: string; className: string }> = {
  starting: { label: 'Starting…', className: 'bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300' },
  running: { label: 'Running', className: 'bg-indigo-50 text-indigo-700 dark:bg-indigo-500/15 dark:text-indigo-300' },
  completed: { label: 'Completed', className: 'bg-emerald-50 text-emerald-700 dark:bg-emerald-500/15 dark:text-emerald-300' },
  failed: { label: 'Failed', className: 'bg-red-50 text-red-700 dark:bg-red-500/15 dark:text-red-300' },
  cancelled: { label: 'Cancelled', className: 'bg-amber-50 text-amber-800 dark:bg-amber-500/15 dark:text-amber-300' },
  waiting: { label: 'Waiting', className: 'bg-amber-50 text-amber-800 dark:bg-amber-500/15 dark:text-amber-300' },
};

function Elapsed({ since }: { since: number }) {
  const [now, setNow] = useState(since);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 100);
    return () => clearInterval(timer);
  }, []);
  return <>{formatMs(Math.max(0, now - since))}</>;
}

function Json({ value, testId }: { value: unknown; testId?: string }) {
  const text = value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  return (
    <pre data-testid={testId} tabIndex={0} className="overflow-auto rounded-md bg-zinc-50 p-2.5 font-mono text-xs whitespace-pre-wrap text-zinc-800 dark:bg-zinc-950 dark:text-zinc-200">
      {text}
    </pre>
  );
}

export function RunPanel({ onCancel }: { onCancel: () => Promise<void> }) {
  const run = useEditorStore((state) => state.run);
  const names = useEditorStore(useShallow((state) => Object.fromEntries(state.nodes.map((node) => [node.id, node.data.name || node.id]))));
  const { workflowId, focusBlock } = useEditorActions();
  const [picked, setPicked] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState(false);

  const steps = useMemo(() => {
    if (!run) return [];
    const rest = Object.keys(run.blocks).filter((id) => !run.order.includes(id));
    return [...run.order, ...rest].filter((id) => run.blocks[id]);
  }, [run]);

  if (!run) return null;
  const active = isRunActive(run);
  const status = RUN_STATUS[run.status];
  const pickedBlock = picked ? run.blocks[picked] : undefined;

  return (
    <section aria-label="Run" data-testid="run-panel" className="flex h-72 shrink-0 flex-col border-t border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
      <header className="flex items-center gap-3 border-b border-zinc-200 px-4 py-2 dark:border-zinc-800">
        <h2 className="text-sm font-semibold">Run</h2>
        <span data-testid="run-status" className={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium ${status.className}`}>
          {active && <Spinner className="h-3 w-3" />}
          {status.label}
        </span>
        <span className="font-mono text-xs text-zinc-500 dark:text-zinc-400" data-testid="run-duration">
          {run.durationMs !== undefined ? formatMs(run.durationMs) : <Elapsed key={run.startedAt} since={run.startedAt} />}
        </span>
        {!active && run.executionId && <RunCost workflowId={workflowId} executionId={run.executionId} />}
        <div className="ml-auto flex items-center gap-2">
          {active && run.executionId && (
            <Button
              size="sm"
              variant="secondary"
              loading={cancelling}
              onClick={async () => {
                setCancelling(true);
                await onCancel();
                setCancelling(false);
              }}
            >
              <Icon name="stop" className="h-3 w-3" /> Cancel
            </Button>
          )}
          {run.executionId && (
            <Link
              href={`/workflows/${encodeURIComponent(workflowId)}/executions/${encodeURIComponent(run.executionId)}`}
              className="inline-flex items-center gap-1 rounded-md px-2 py-1 text-xs font-medium text-indigo-600 hover:bg-indigo-50 hover:text-indigo-500 dark:text-indigo-400 dark:hover:bg-indigo-500/10"
            >
              View execution <Icon name="external-link" className="h-3 w-3" />
            </Link>
          )}
          <button
            type="button"
            aria-label="Close run panel"
            onClick={() => useEditorStore.getState().setRunPanelOpen(false)}
            className="rounded-md p-1 text-zinc-500 hover:bg-zinc-100 hover:text-zinc-800 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
          >
            <Icon name="x" />
          </button>
        </div>
      </header>
      {/* Read again for each run, whose cost may have crossed the budget. */}
      <BudgetNotice key={`${run.executionId ?? 'starting'}:${active}`} compact />
      <div className="flex min-h-0 flex-1">
        <nav aria-label="Steps" className="w-60 shrink-0 overflow-y-auto border-r border-zinc-200 py-1 dark:border-zinc-800">
          <button
            type="button"
            onClick={() => setPicked(null)}
            aria-current={picked === null ? 'true' : undefined}
            className={`flex w-full items-center gap-2 px-3 py-1.5 text-left text-xs font-medium ${picked === null ? 'bg-zinc-100 dark:bg-zinc-800' : 'hover:bg-zinc-50 dark:hover:bg-zinc-800/60'}`}
          >
            <Icon name="flag" className="h-3.5 w-3.5 text-zinc-500" /> Execution output
          </button>
          <ul>
            {steps.map((id) => (
              <li key={id}>
                <StepRow
                  id={id}
                  name={names[id] ?? id}
                  block={run.blocks[id]}
                  picked={picked === id}
                  onPick={() => {
                    setPicked(id);
                    focusBlock(id);
                  }}
                />
              </li>
            ))}
          </ul>
        </nav>
        <div tabIndex={0} aria-label="Step details" className="min-w-0 flex-1 overflow-y-auto p-4">
          {picked && pickedBlock ? <IterationDetail key={picked} name={names[picked] ?? picked} block={pickedBlock} /> : <Overview run={run} names={names} />}
        </div>
      </div>
    </section>
  );
}

function StepRow({ id, name, block, picked, onPick }: { id: string; name: string; block: BlockRunState; picked: boolean; onPick: () => void }) {
  return (
    <button
      type="button"
      onClick={onPick}
      aria-current={picked ? 'true' : undefined}
      data-testid={`run-step-${id}`}
      data-status={block.status}
      className={`flex w-full items-center gap-2 px-3 py-1.5 text-left text-xs ${picked ? 'bg-zinc-100 dark:bg-zinc-800' : 'hover:bg-zinc-50 dark:hover:bg-zinc-800/60'} ${block.status === 'skipped' ? 'opacity-60' : ''}`}
    >
      <BlockStatusIcon status={block.status} />
      <span className="min-w-0 flex-1 truncate">{name}</span>
      <span className="shrink-0 font-mono text-[11px] text-zinc-500 dark:text-zinc-400">
        {block.status === 'skipped' ? 'skipped' : block.durationMs !== undefined ? formatMs(block.durationMs) : ''}
      </span>
    </button>
  );
}

function Overview({ run, names }: { run: RunState; names: Record<string, string> }) {
  const active = isRunActive(run);
  const live = Object.entries(run.blocks).filter(([, block]) => block.status === 'running' && (block.chunks || block.console.length));
  return (
    <div className="space-y-3">
      {run.error && (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700 dark:border-red-900/60 dark:bg-red-950/40 dark:text-red-300">
          {run.error.message}
        </p>
      )}
      {active ? (
        <>
          <p className="flex items-center gap-2 text-sm text-zinc-500 dark:text-zinc-400">
            <Spinner /> Waiting for the workflow to finish…
          </p>
          {live.map(([id, block]) => (
            <div key={id}>
              <h4 className="mb-1 text-xs font-semibold text-zinc-600 dark:text-zinc-300">{names[id] ?? id}</h4>
              <pre data-testid="run-live" tabIndex={0} className="max-h-32 overflow-auto rounded-md bg-zinc-50 p-2.5 text-xs whitespace-pre-wrap dark:bg-zinc-950">
                {block.chunks || block.console.map((line) => line.message).join('\n')}
              </pre>
            </div>
          ))}
        </>
      ) : run.status === 'completed' ? (
        <>
          <h3 className="text-xs font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">Output</h3>
          <Json value={run.output} testId="run-output" />
        </>
      ) : null}
    </div>
  );
}

/** A block inside a loop: pick one iteration to see its own output and console, or all of them together. */
function IterationDetail({ name, block }: { name: string; block: BlockRunState }) {
  const [iteration, setIteration] = useState('');
  const keys = Object.keys(block.iterations ?? {}).sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
  const shown = (iteration && block.iterations?.[iteration]) || block;
  return (
    <>
      {keys.length > 0 && (
        <label className="mb-3 flex items-center gap-2 text-xs text-zinc-600 dark:text-zinc-300">
          Iteration
          <select value={iteration} onChange={(event) => setIteration(event.target.value)} className="rounded-md border border-zinc-300 bg-white px-2 py-1 text-xs dark:border-zinc-700 dark:bg-zinc-900">
            <option value="">All ({keys.length}, latest output)</option>
            {keys.map((key) => (
              <option key={key} value={key}>
                #{key} · {block.iterations?.[key]?.status}
              </option>
            ))}
          </select>
        </label>
      )}
      <StepDetail name={iteration ? `${name} #${iteration}` : name} block={shown} />
    </>
  );
}

function StepDetail({ name, block }: { name: string; block: Omit<BlockRunState, 'iterations'> }) {
  const streamRef = useRef<HTMLPreElement>(null);
  useEffect(() => {
    const element = streamRef.current;
    if (element) element.scrollTop = element.scrollHeight;
  }, [block.chunks]);
  return (
    <div className="space-y-3">
      <h3 className="text-sm font-semibold">
        {name} <span className="font-normal text-zinc-500 dark:text-zinc-400">· {block.status}</span>
      </h3>
      {block.error && <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950/40 dark:text-red-300">{block.error.message}</p>}
      {block.chunks && (
        <div>
          <h4 className="mb-1 text-xs font-semibold tracking-wide text-zinc-500 uppercase">Streamed</h4>
          <pre ref={streamRef} data-testid="run-stream" tabIndex={0} className="max-h-40 overflow-auto rounded-md bg-zinc-50 p-2.5 text-xs whitespace-pre-wrap dark:bg-zinc-950">
            {block.chunks}
          </pre>
        </div>
      )}
      {block.console.length > 0 && (
        <div>
          <h4 className="mb-1 text-xs font-semibold tracking-wide text-zinc-500 uppercase">Console</h4>
          <ol data-testid="run-logs" tabIndex={0} aria-label="Console" className="max-h-40 overflow-auto rounded-md bg-zinc-950 p-2.5 font-mono text-xs text-zinc-200">
            {block.console.map((line, index) => (
              <li key={index} className={line.level === 'error' ? 'text-red-400' : line.level === 'warn' ? 'text-amber-300' : ''}>
                <span className="text-zinc-500 select-none">{line.level.padEnd(5)} </span>
                {line.message}
              </li>
            ))}
          </ol>
        </div>
      )}
      {block.output !== undefined && (
        <div>
          <h4 className="mb-1 text-xs font-semibold tracking-wide text-zinc-500 uppercase">Output</h4>
          <Json value={block.output} testId="run-step-output" />
        </div>
      )}
      {block.status === 'pending' && <p className="text-sm text-zinc-500">Not started yet.</p>}
      {block.status === 'skipped' && <p className="text-sm text-zinc-500">Skipped: no branch leading here was taken.</p>}
    </div>
  );
}
