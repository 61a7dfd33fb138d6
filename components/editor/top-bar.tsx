'use client';

import { useReactFlow } from '@xyflow/react';
import Link from 'next/link';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { Spinner } from '@/components/ui/spinner';
import { DeployedBadge } from './deployed-badge';
import { useEditorActions } from './editor-context';
import { useModifierLabel } from './help-dialog';
import { Icon } from '@/components/ui/icons';
import { isRunActive } from '@/components/run-events/run-state';
import { useVersionsStore } from '@/components/versions/store';
import { useEditorStore } from './store';

// The editor's top bar: back to the list, the workflow's name (click to rename), whether the work is saved, the
// editing tools, and Run / Deploy.

export interface TopBarProps {
  name: string;
  onRename(name: string): Promise<boolean>;
  /** May change and run the workflow (an editor or owner). */
  canEdit: boolean;
  onRun(): void;
  onDeploy(): void;
  onHelp(): void;
}

function ToolButton({ label, shortcut, onClick, disabled, children, pressed }: { label: string; shortcut?: string; onClick(): void; disabled?: boolean; children: ReactNode; pressed?: boolean }) {
  return (
    <button
      type="button"
      aria-label={label}
      aria-pressed={pressed}
      title={shortcut ? `${label} (${shortcut})` : label}
      onClick={onClick}
      disabled={disabled}
      className="grid h-8 w-8 place-items-center rounded-md text-zinc-600 transition-colors hover:bg-zinc-100 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-indigo-500 disabled:cursor-not-allowed disabled:opacity-40 disabled:hover:bg-transparent aria-pressed:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800 dark:hover:text-zinc-100 dark:aria-pressed:bg-zinc-800"
    >
      {children}
    </button>
  );
}

export function TopBar({ name, onRename, canEdit, onRun, onDeploy, onHelp }: TopBarProps) {
  // The Versions panel (numbered versions to view, compare with the draft and restore) and whether a version, not the
  // draft, is on the canvas: then the draft's editing tools step aside.
  const versionsOpen = useVersionsStore((state) => state.open);
  const showingVersion = useVersionsStore((state) => state.selection !== null);
  const canUndo = useEditorStore((state) => state.past.length > 0 && !state.readOnly);
  const canRedo = useEditorStore((state) => state.future.length > 0 && !state.readOnly);
  const readOnly = useEditorStore((state) => state.readOnly);
  const hasBlocks = useEditorStore((state) => state.nodes.length > 0);
  const running = useEditorStore((state) => isRunActive(state.run));
  const mod = useModifierLabel() === '⌘' ? '⌘' : 'Ctrl+';
  const { fitView } = useReactFlow();
  const { workflowId } = useEditorActions();
  // The new layout is brought into view once React Flow has the moved nodes.
  const autoLayout = () => {
    useEditorStore.getState().autoLayout();
    requestAnimationFrame(() => void fitView({ padding: 0.2, maxZoom: 1.1, duration: 300 }));
  };

  return (
    <div className="flex h-12 shrink-0 items-center gap-2 border-b border-zinc-200 bg-white px-2 sm:px-3 dark:border-zinc-800 dark:bg-zinc-900">
      <Link
        href="/workflows"
        aria-label="Back to workflows"
        title="Back to workflows"
        className="grid h-8 w-8 place-items-center rounded-md text-zinc-500 hover:bg-zinc-100 hover:text-zinc-900 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
      >
        <Icon name="chevron-right" className="h-4 w-4 rotate-180" />
      </Link>
      <WorkflowName name={name} onRename={onRename} editable={canEdit} />
      <DeployedBadge canEdit={canEdit} />
      <SaveIndicator />

      <div className="ml-auto flex shrink-0 items-center gap-1">
        {/* On a phone: run and history; the editing tools need a wider screen. */}
        <Link
          href={`/workflows/${encodeURIComponent(workflowId)}/executions`}
          className="inline-flex h-8 items-center rounded-md px-2 text-xs font-medium text-zinc-600 hover:bg-zinc-100 md:hidden dark:text-zinc-300 dark:hover:bg-zinc-800"
        >
          History
        </Link>
        {!readOnly && !showingVersion && (
          <div className="hidden items-center gap-1 md:flex">
            <ToolButton label="Undo" shortcut={`${mod}Z`} onClick={() => useEditorStore.getState().undo()} disabled={!canUndo}>
              <Icon name="undo" />
            </ToolButton>
            <ToolButton label="Redo" shortcut={`${mod}Shift+Z`} onClick={() => useEditorStore.getState().redo()} disabled={!canRedo}>
              <Icon name="redo" />
            </ToolButton>
            <ToolButton label="Auto-layout" onClick={autoLayout} disabled={!hasBlocks}>
              <Icon name="layout" />
            </ToolButton>
            <span aria-hidden className="mx-1 h-5 w-px bg-zinc-200 dark:bg-zinc-700" />
          </div>
        )}
        <div className="hidden items-center gap-1 md:flex">
          <ProblemsButton />
        <ToolButton label="Keyboard shortcuts" shortcut="?" onClick={onHelp}>
          <Icon name="keyboard" />
        </ToolButton>
        <button
          type="button"
          aria-pressed={versionsOpen}
          onClick={() => useVersionsStore.getState().setOpen(!versionsOpen)}
          title="Versions: save one, view, compare with the draft, restore"
          className="inline-flex h-8 items-center gap-1.5 rounded-md px-2 text-xs font-medium text-zinc-600 transition-colors hover:bg-zinc-100 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-indigo-500 aria-pressed:bg-indigo-50 aria-pressed:text-indigo-700 dark:text-zinc-300 dark:hover:bg-zinc-800 dark:hover:text-zinc-100 dark:aria-pressed:bg-indigo-500/15 dark:aria-pressed:text-indigo-300"
        >
          <Icon name="history" className="h-3.5 w-3.5" />
          Versions
        </button>
        </div>
        {canEdit && (
          <>
            <span aria-hidden className="mx-1 hidden h-5 w-px bg-zinc-200 md:block dark:bg-zinc-700" />
            <span className="hidden md:inline-flex">
              <Button size="sm" variant="secondary" onClick={onDeploy}>
                <Icon name="rocket" className="h-3.5 w-3.5" /> Deploy
              </Button>
            </span>
            <Button size="sm" variant="primary" onClick={onRun} disabled={running || !hasBlocks} title={`Run (${mod}Enter)`}>
              {running ? <Spinner className="h-3.5 w-3.5" /> : <Icon name="play" className="h-3.5 w-3.5" />}
              {running ? 'Running…' : 'Run'}
            </Button>
          </>
        )}
      </div>
    </div>
  );
}

function WorkflowName({ name, onRename, editable }: { name: string; onRename(name: string): Promise<boolean>; editable: boolean }) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(name);
  const [pending, setPending] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (editing) inputRef.current?.select();
  }, [editing]);

  async function commit() {
    const next = draft.trim();
    if (!next || next === name) {
      setEditing(false);
      setDraft(name);
      return;
    }
    setPending(true);
    const ok = await onRename(next);
    setPending(false);
    if (ok) setEditing(false);
  }

  if (!editing) {
    return (
      <button
        type="button"
        onClick={() => {
          if (!editable) return;
          setDraft(name);
          setEditing(true);
        }}
        aria-label={editable ? `Workflow name: ${name}. Click to rename` : `Workflow name: ${name}`}
        title={editable ? 'Rename' : undefined}
        className={`max-w-[18rem] truncate rounded-md px-2 py-1 text-sm font-semibold text-zinc-900 dark:text-zinc-100 ${editable ? 'hover:bg-zinc-100 dark:hover:bg-zinc-800' : 'cursor-default'}`}
      >
        <h1 className="truncate">{name}</h1>
      </button>
    );
  }
  return (
    <input
      ref={inputRef}
      aria-label="Workflow name"
      value={draft}
      maxLength={200}
      disabled={pending}
      onChange={(event) => setDraft(event.target.value)}
      onBlur={commit}
      onKeyDown={(event) => {
        if (event.key === 'Enter') void commit();
        if (event.key === 'Escape') {
          setDraft(name);
          setEditing(false);
        }
      }}
      className="h-8 w-72 rounded-md border border-indigo-400 bg-white px-2 text-sm font-semibold outline-2 outline-indigo-500/30 dark:bg-zinc-950"
    />
  );
}

function SaveIndicator() {
  const save = useEditorStore((state) => state.save);
  const dirty = useEditorStore((state) => state.revision !== state.savedRevision);
  const readOnly = useEditorStore((state) => state.readOnly);
  const { flushSave } = useEditorActions();

  if (readOnly && !dirty) {
    return (
      <span className="inline-flex items-center gap-1 text-xs text-zinc-500 dark:text-zinc-400">
        <Icon name="lock" className="h-3 w-3" /> Read-only
      </span>
    );
  }
  let content: ReactNode;
  if (save.status === 'saving' || (dirty && save.status !== 'error' && save.status !== 'conflict')) {
    content = (
      <>
        <Spinner className="h-3 w-3" /> Saving…
      </>
    );
  } else if (save.status === 'error') {
    content = (
      <>
        <span className="text-red-600 dark:text-red-400">Not saved</span>
        <button type="button" onClick={() => void flushSave()} className="font-medium text-indigo-600 underline-offset-2 hover:underline dark:text-indigo-400">
          Retry
        </button>
      </>
    );
  } else if (save.status === 'conflict') {
    content = <span className="text-amber-700 dark:text-amber-300">Not saved: changed elsewhere</span>;
  } else if (save.status === 'saved') {
    content = (
      <>
        <Icon name="check" className="h-3 w-3 text-emerald-600 dark:text-emerald-400" /> Saved
      </>
    );
  } else {
    content = (
      <>
        <Icon name="cloud" className="h-3 w-3" /> All changes saved
      </>
    );
  }
  return (
    <span role="status" data-testid="save-state" data-state={dirty && save.status !== 'error' ? 'saving' : save.status} title={save.error ?? undefined} className="inline-flex items-center gap-1.5 text-xs text-zinc-500 dark:text-zinc-400">
      {content}
    </span>
  );
}

function ProblemsButton() {
  const problems = useEditorStore((state) => state.problems);
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const count = problems.length;
  return (
    <div ref={rootRef} className="relative">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={open ? 'problems-list' : undefined}
        onClick={() => setOpen((value) => !value)}
        className={`inline-flex h-8 items-center gap-1.5 rounded-md px-2 text-xs font-medium transition-colors focus-visible:outline-2 focus-visible:outline-indigo-500 ${
          count > 0
            ? 'text-red-700 hover:bg-red-50 dark:text-red-300 dark:hover:bg-red-950/40'
            : 'text-zinc-600 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800'
        }`}
      >
        <Icon name={count > 0 ? 'alert' : 'check'} className="h-3.5 w-3.5" />
        Problems
        <span data-testid="problem-count" className={`rounded-full px-1.5 text-[11px] ${count > 0 ? 'bg-red-100 dark:bg-red-900/60' : 'bg-zinc-100 dark:bg-zinc-800'}`}>
          {count}
        </span>
      </button>
      {open && <ProblemsList onClose={() => setOpen(false)} />}
    </div>
  );
}

function ProblemsList({ onClose }: { onClose(): void }) {
  const problems = useEditorStore((state) => state.problems);
  const { focusBlock, focusEdge } = useEditorActions();
  const edges = useEditorStore((state) => state.edges);
  const nodes = useEditorStore((state) => state.nodes);
  const count = problems.length;
  return (
    <div
      id="problems-list"
      role="region"
      aria-label="Problems"
      className="absolute top-full right-0 z-30 mt-2 w-96 max-w-[calc(100vw-2rem)] overflow-hidden rounded-lg border border-zinc-200 bg-white shadow-xl dark:border-zinc-700 dark:bg-zinc-900"
    >
      <div className="border-b border-zinc-200 px-3 py-2 text-xs font-semibold text-zinc-600 dark:border-zinc-800 dark:text-zinc-300">
        {count === 0 ? 'No problems: the workflow can run and be deployed.' : `${count} problem${count === 1 ? '' : 's'} to fix before running or deploying`}
      </div>
      {count > 0 && (
        <ul className="max-h-80 overflow-y-auto py-1">
          {problems.map((problem, index) => {
            const edge = problem.edge ? edges.find((candidate) => candidate.id === problem.edge || `${candidate.source}->${candidate.target}` === problem.edge) : undefined;
            const node = problem.block_id ? nodes.find((candidate) => candidate.id === problem.block_id) : undefined;
            const where = node ? node.data.name || node.id : edge ? `${edge.source} → ${edge.target}` : 'Workflow';
            const target = node ? () => focusBlock(node.id) : edge ? () => focusEdge(edge.id) : null;
            return (
              <li key={index}>
                <button
                  type="button"
                  disabled={!target}
                  onClick={() => {
                    target?.();
                    onClose();
                  }}
                  data-testid="problem-entry"
                  className="flex w-full items-start gap-2 px-3 py-2 text-left text-sm hover:bg-zinc-50 disabled:cursor-default disabled:hover:bg-transparent dark:hover:bg-zinc-800/60"
                >
                  <Icon name="alert" className="mt-0.5 h-3.5 w-3.5 shrink-0 text-red-500" />
                  <span className="min-w-0">
                    <span className="block text-xs font-medium text-zinc-500 dark:text-zinc-400">{where}</span>
                    <span className="block text-zinc-800 dark:text-zinc-200">{problem.message}</span>
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
