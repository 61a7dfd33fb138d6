'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { errorMessage } from '@/components/ui/errors';
import { PanelHeader } from '@/components/ui/panel-header';
import { Loading } from '@/components/ui/spinner';
import { formatDateTime, relativeTime } from '@/components/ui/time';
import { useEditorActions } from '@/components/editor/editor-context';
import { useEditorStore } from '@/components/editor/store';
import { useTRPC, useTRPCClient } from '@/components/trpc';
import { describeDiff, previewValue, type BlockDiff, type EdgeDiff, type FieldChange, type GraphDiff } from './diff';
import { useVersionsStore, type VersionSelection } from './store';
import { useVersion, useVersionDiff } from './use-version';
import { CHANGE_LABEL, CHANGE_TONE } from './version-canvas';

// The Versions panel (in the inspector's place): every deployed version of the workflow, newest first, each to view
// read-only, compare with the draft or restore into the draft; below, what the comparison found, block by block.

export function VersionsPanel() {
  const { workflowId } = useEditorActions();
  const trpc = useTRPC();
  const versions = useQuery(trpc.deployments.versions.queryOptions({ workflow_id: workflowId }));
  const selection = useVersionsStore((state) => state.selection);
  const viewer = useEditorStore((state) => state.viewer);
  const [restoring, setRestoring] = useState<number | null>(null);

  return (
    <aside
      aria-label="Versions"
      data-testid="versions-panel"
      className="flex h-full w-80 shrink-0 flex-col xl:w-[24rem] border-l border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900"
    >
      <PanelHeader
        icon="history"
        title="Versions"
        description="Deploying, or saving a version, freezes the draft as the next numbered version."
        closeLabel="Close versions"
        onClose={() => useVersionsStore.getState().setOpen(false)}
        compact
      />

      <div className="min-h-0 flex-1 overflow-y-auto">
        {!viewer && <SaveVersionForm workflowId={workflowId} />}
        {versions.isPending ? (
          <div className="p-4">
            <Loading label="Loading versions…" />
          </div>
        ) : versions.isError ? (
          <div className="p-4">
            <Alert tone="error" title="Could not load the versions" action={<Button size="sm" onClick={() => void versions.refetch()}>Try again</Button>}>
              {errorMessage(versions.error)}
            </Alert>
          </div>
        ) : versions.data.versions.length === 0 ? (
          <div className="p-4">
            <EmptyState title="No versions yet" description="Deploy the workflow or save a version to freeze its first version. Versions can then be viewed, compared with the draft and restored." />
          </div>
        ) : (
          <>
            <ul aria-label="Versions" className="space-y-2 p-3">
              <DraftRow current={selection === null} />
              {versions.data.versions.map((version) => (
                <VersionRow key={version.version} version={version} selection={selection} viewer={viewer} onRestore={() => setRestoring(version.version)} />
              ))}
            </ul>
            {selection && <SelectionDetails workflowId={workflowId} selection={selection} />}
          </>
        )}
      </div>
      <RestoreDialog workflowId={workflowId} version={restoring} onClose={() => setRestoring(null)} />
    </aside>
  );
}

/** "Save version": the draft as the next numbered version, with a note saying what it is. */
function SaveVersionForm({ workflowId }: { workflowId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { flushSave } = useEditorActions();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const save = useMutation(trpc.deployments.saveVersion.mutationOptions());
  const noteId = useId();

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      if (!(await flushSave())) throw new Error(useEditorStore.getState().save.error ?? 'The draft could not be saved.');
      const saved = await save.mutateAsync({ workflow_id: workflowId, note: note.trim() || null });
      setNote('');
      await queryClient.invalidateQueries({ queryKey: trpc.deployments.versions.queryKey({ workflow_id: workflowId }) });
      useEditorStore.getState().notify(`Saved as version ${saved.version}.`);
    } catch (caught) {
      setError(errorMessage(caught, 'The version could not be saved.'));
    }
  }

  return (
    <form onSubmit={onSubmit} className="space-y-2 border-b border-zinc-200 p-3 dark:border-zinc-800" aria-label="Save version">
      <label htmlFor={noteId} className="block text-xs font-medium text-zinc-600 dark:text-zinc-300">
        Note for this version (optional)
      </label>
      <div className="flex gap-2">
        <input
          id={noteId}
          value={note}
          maxLength={500}
          onChange={(event) => setNote(event.target.value)}
          placeholder="e.g. before changing the prompt"
          className="h-8 min-w-0 flex-1 rounded-md border border-zinc-300 bg-white px-2 text-sm dark:border-zinc-700 dark:bg-zinc-950"
        />
        <Button size="sm" type="submit" loading={save.isPending}>
          Save version
        </Button>
      </div>
      {error && <Alert tone="error">{error}</Alert>}
    </form>
  );
}

function DraftRow({ current }: { current: boolean }) {
  const dirty = useEditorStore((state) => state.revision !== state.savedRevision);
  return (
    <li
      data-testid="version-draft"
      aria-current={current || undefined}
      className={`flex items-center gap-2 rounded-lg border px-3 py-2 text-sm ${current ? 'border-indigo-300 bg-indigo-50/60 dark:border-indigo-700 dark:bg-indigo-950/30' : 'border-zinc-200 dark:border-zinc-800'}`}
    >
      <div className="min-w-0 flex-1">
        <p className="font-medium text-zinc-900 dark:text-zinc-100">Current draft</p>
        <p className="text-xs text-zinc-500 dark:text-zinc-400">{dirty ? 'Saving…' : 'What the editor changes'}</p>
      </div>
      {current ? (
        <Badge tone="indigo">On canvas</Badge>
      ) : (
        <Button size="sm" variant="ghost" onClick={() => useVersionsStore.getState().backToDraft()}>
          Back to draft
        </Button>
      )}
    </li>
  );
}

interface VersionSummary {
  version: number;
  note: string | null;
  name: string;
  block_count: number;
  created_at: string;
  deployed: boolean;
}

function VersionRow({
  version,
  selection,
  viewer,
  onRestore,
}: {
  version: VersionSummary;
  selection: VersionSelection | null;
  viewer: boolean;
  onRestore(): void;
}) {
  const selected = selection?.version === version.version ? selection.mode : null;
  const show = useVersionsStore((state) => state.show);
  const n = version.version;
  return (
    <li
      data-testid={`version-${n}`}
      data-deployed={version.deployed || undefined}
      aria-current={selected ? true : undefined}
      className={`rounded-lg border px-3 py-2 ${selected ? 'border-indigo-300 bg-indigo-50/60 dark:border-indigo-700 dark:bg-indigo-950/30' : 'border-zinc-200 dark:border-zinc-800'}`}
    >
      <div className="flex items-center gap-2">
        <p className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">Version {n}</p>
        {version.deployed && <Badge tone="emerald">Deployed</Badge>}
        {selected && <Badge tone="indigo">{selected === 'view' ? 'Viewing' : 'Comparing'}</Badge>}
      </div>
      <p className="mt-0.5 text-xs text-zinc-500 dark:text-zinc-400">
        <time dateTime={version.created_at} title={formatDateTime(version.created_at)}>
          {relativeTime(version.created_at)}
        </time>{' '}
        · {version.block_count} block{version.block_count === 1 ? '' : 's'}
        {version.name ? <> · {version.name}</> : null}
      </p>
      {version.note && <p className="mt-1 text-sm text-zinc-700 dark:text-zinc-200">{version.note}</p>}
      <div className="mt-2 flex flex-wrap gap-1.5">
        <Button size="sm" variant={selected === 'view' ? 'primary' : 'secondary'} aria-label={`View version ${n}`} onClick={() => show(n, 'view')}>
          View
        </Button>
        <Button size="sm" variant={selected === 'diff' ? 'primary' : 'secondary'} aria-label={`Compare version ${n} with the draft`} onClick={() => show(n, 'diff')}>
          Compare with draft
        </Button>
        {!viewer && (
          <Button
            size="sm"
            variant="ghost"
            aria-label={`Restore version ${n}`}
            title={`Replace the draft with version ${n}`}
            onClick={onRestore}
          >
            Restore…
          </Button>
        )}
      </div>
    </li>
  );
}

function SelectionDetails({ workflowId, selection }: { workflowId: string; selection: VersionSelection }) {
  return (
    <section aria-label={selection.mode === 'diff' ? 'Changes' : 'Version details'} className="border-t border-zinc-200 p-4 dark:border-zinc-800">
      {selection.mode === 'diff' ? (
        <DiffDetails workflowId={workflowId} version={selection.version} />
      ) : (
        <ViewDetails workflowId={workflowId} version={selection.version} />
      )}
    </section>
  );
}

function ViewDetails({ workflowId, version }: { workflowId: string; version: number }) {
  const query = useVersion(workflowId, version);
  const focus = useVersionsStore((state) => state.focus);
  const block = query.data?.blocks.find((candidate) => candidate.id === focus?.id);
  return (
    <div className="space-y-2 text-sm">
      <h3 className="font-semibold">Version {version}</h3>
      {!block ? (
        <p className="text-zinc-500 dark:text-zinc-400">Click a block on the canvas to see its settings in this version.</p>
      ) : (
        <div data-testid="version-block-details">
          <p className="font-medium">
            {block.name || block.id} <span className="font-mono text-xs text-zinc-500">· {block.type}</span>
          </p>
          <pre className="mt-1.5 max-h-80 overflow-auto rounded-md bg-zinc-50 p-2 font-mono text-[11.5px] leading-5 whitespace-pre-wrap text-zinc-800 dark:bg-zinc-950 dark:text-zinc-200">
            {JSON.stringify(block.config, null, 2)}
          </pre>
        </div>
      )}
    </div>
  );
}

function DiffDetails({ workflowId, version }: { workflowId: string; version: number }) {
  const { query, diff } = useVersionDiff(workflowId, version);
  if (query.isPending) return <Loading label="Comparing…" />;
  if (query.isError || !diff) return <Alert tone="error">{errorMessage(query.error)}</Alert>;
  return <ChangeList version={version} diff={diff} />;
}

function ChangeList({ version, diff }: { version: number; diff: GraphDiff }) {
  const focus = useVersionsStore((state) => state.focus);
  const listed = diff.blocks.filter((entry) => entry.change !== 'unchanged' && entry.change !== 'moved');
  const moved = diff.blocks.filter((entry) => entry.change === 'moved');
  const edges = diff.edges.filter((entry) => entry.change !== 'unchanged');
  return (
    <div className="space-y-4 text-sm">
      <div>
        <h3 className="font-semibold">Version {version} → draft</h3>
        <p className="mt-0.5 text-xs text-zinc-500 dark:text-zinc-400" data-testid="diff-summary">
          {describeDiff(diff)}
        </p>
      </div>

      {listed.length > 0 && (
        <ul aria-label="Changed blocks" className="space-y-2">
          {listed.map((entry) => (
            <BlockEntry key={entry.id} entry={entry} focused={focus?.id === entry.id} />
          ))}
        </ul>
      )}

      {moved.length > 0 && (
        <div>
          <h4 className="mb-1 text-xs font-semibold tracking-wide text-zinc-500 uppercase">Moved only</h4>
          <ul className="flex flex-wrap gap-1.5">
            {moved.map((entry) => (
              <li key={entry.id}>
                <button
                  type="button"
                  data-testid={`diff-block-${entry.id}`}
                  data-change="moved"
                  onClick={() => useVersionsStore.getState().focusBlock(entry.id)}
                  title={`(${positionText(entry.before!)}) → (${positionText(entry.after!)})`}
                  className="rounded-md border border-dashed border-zinc-300 px-1.5 py-0.5 font-mono text-xs text-zinc-600 hover:bg-zinc-50 dark:border-zinc-600 dark:text-zinc-300 dark:hover:bg-zinc-800"
                >
                  {entry.id}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}

      {edges.length > 0 && (
        <div>
          <h4 className="mb-1 text-xs font-semibold tracking-wide text-zinc-500 uppercase">Edges</h4>
          <ul aria-label="Changed edges" className="space-y-1">
            {edges.map((entry, index) => (
              <EdgeEntry key={`${entry.key}:${entry.change}:${index}`} entry={entry} />
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

function positionText(block: { position: { x: number; y: number } }): string {
  return `${Math.round(block.position.x)}, ${Math.round(block.position.y)}`;
}

function BlockEntry({ entry, focused }: { entry: BlockDiff; focused: boolean }) {
  const ref = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (focused) ref.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [focused]);
  const block = entry.after ?? entry.before!;
  const tone = CHANGE_TONE[entry.change];
  return (
    <li
      ref={ref}
      data-testid={`diff-block-${entry.id}`}
      data-change={entry.change}
      className={`rounded-lg border px-3 py-2 ${focused ? 'border-indigo-400 ring-2 ring-indigo-500/20' : 'border-zinc-200 dark:border-zinc-800'}`}
    >
      <button type="button" onClick={() => useVersionsStore.getState().focusBlock(entry.id)} className="flex w-full items-center gap-2 text-left" aria-label={`Show ${block.name || block.id} on the canvas`}>
        <span aria-hidden className={`h-2.5 w-2.5 shrink-0 rounded-full ${tone.dot}`} />
        <span className="min-w-0 flex-1 truncate font-medium text-zinc-900 dark:text-zinc-100">
          {block.name || block.id}
          <span className="ml-1 font-mono text-xs font-normal text-zinc-500 dark:text-zinc-400">
            {block.name ? `${block.id} · ` : ''}
            {block.type}
          </span>
        </span>
        <span className={`text-xs font-medium ${tone.text}`}>{CHANGE_LABEL[entry.change]}</span>
      </button>
      {entry.fields.length > 0 && (
        <ul className="mt-1.5 space-y-1">
          {entry.fields.map((field) => (
            <FieldEntry key={field.path} field={field} />
          ))}
        </ul>
      )}
      {entry.change === 'changed' && entry.moved && (
        <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
          Also moved: ({positionText(entry.before!)}) → ({positionText(entry.after!)})
        </p>
      )}
    </li>
  );
}

function FieldEntry({ field }: { field: FieldChange }) {
  return (
    <li data-testid="diff-field" data-path={field.path} className="rounded-md bg-zinc-50 px-2 py-1.5 text-xs dark:bg-zinc-950">
      <p className="font-mono font-medium text-zinc-700 dark:text-zinc-300">
        {field.path}
        {field.kind !== 'changed' && <span className="ml-1.5 font-sans font-normal text-zinc-500">({field.kind})</span>}
      </p>
      <p className="mt-0.5 font-mono break-all">
        <span data-testid="diff-before" className="text-red-700 line-through decoration-red-400/60 dark:text-red-400" title={previewValue(field.before, 2000)}>
          {previewValue(field.before)}
        </span>
      </p>
      <p className="font-mono break-all">
        <span className="mr-1 text-zinc-500 dark:text-zinc-400">
          →<span className="sr-only"> becomes</span>
        </span>
        <span data-testid="diff-after" className="text-emerald-700 dark:text-emerald-400" title={previewValue(field.after, 2000)}>
          {previewValue(field.after)}
        </span>
      </p>
    </li>
  );
}

function EdgeEntry({ entry }: { entry: EdgeDiff }) {
  const added = entry.change === 'added';
  return (
    <li data-testid="diff-edge" data-change={entry.change} className="flex items-center gap-2 font-mono text-xs">
      <span className={`w-4 text-center font-sans font-bold ${added ? 'text-emerald-600' : 'text-red-600'}`} aria-label={added ? 'added' : 'removed'}>
        {added ? '+' : '−'}
      </span>
      <span className={added ? 'text-zinc-800 dark:text-zinc-200' : 'text-zinc-500 line-through'}>{entry.key.replace(' -> ', ' → ')}</span>
    </li>
  );
}

function RestoreDialog({ workflowId, version, onClose }: { workflowId: string; version: number | null; onClose(): void }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const { flushSave } = useEditorActions();
  const restore = useMutation(trpc.deployments.restore.mutationOptions());

  async function onConfirm() {
    if (version === null) return;
    // Whatever is still on its way to the server lands first, so no late save overwrites the restored draft.
    await flushSave().catch(() => false);
    const workflow = await restore.mutateAsync({ workflow_id: workflowId, version });
    const editor = useEditorStore.getState();
    editor.replaceFromServer(workflow);
    useVersionsStore.getState().backToDraft();
    // The restored graph's problems (a restore answers with the workflow only).
    try {
      const fresh = await client.workflows.get.query({ id: workflowId });
      queryClient.setQueryData(trpc.workflows.get.queryKey({ id: workflowId }), fresh);
      const state = useEditorStore.getState();
      if (fresh.version === state.save.version && state.revision === state.savedRevision) state.markSaved(state.revision, fresh.version, fresh.problems);
    } catch {
      // The canvas is right; the problem markers catch up with the next save.
    }
    useEditorStore.getState().notify(`Restored version ${version} into the draft.`);
  }

  return (
    <ConfirmDialog
      open={version !== null}
      onClose={onClose}
      title={`Restore version ${version ?? ''}?`}
      description={
        <>
          The draft is replaced by version {version}: its blocks, settings and edges. The current draft is not kept as a version, so changes made since
          the last saved version are lost (undo cannot bring them back). What is deployed keeps running until you deploy changes.
        </>
      }
      confirmLabel={`Restore version ${version ?? ''}`}
      tone="primary"
      onConfirm={onConfirm}
    />
  );
}
