'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import Link from 'next/link';
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { Button, buttonClasses } from '@/components/ui/button';
import { errorMessage } from '@/components/ui/errors';
import { Loading } from '@/components/ui/spinner';
import { useTRPC } from '@/components/trpc';
import { useVersionsStore } from '@/components/versions/store';
import { VersionBanner } from '@/components/versions/version-banner';
import { VersionCanvas } from '@/components/versions/version-canvas';
import { VersionsPanel } from '@/components/versions/versions-panel';
import { Canvas } from './canvas';
import { DeployPanel } from './deploy-panel';
import { EditorActionsContext, type EditorActions } from './editor-context';
import { NODE_HEIGHT, NODE_WIDTH } from './graph';
import { HelpDialog } from './help-dialog';
import { Icon } from '@/components/ui/icons';
import { Inspector } from './inspector';
import { Palette } from './palette';
import { PanelToggle } from './panel-toggle';
import { usePanelOpen } from './use-panel-open';
import { RunDialog } from './run-dialog';
import { isRunActive } from '@/components/run-events/run-state';
import { RunPanel } from './run-panel';
import { useEditorStore, type EditorState } from './store';
import type { OutputRef } from './store/block-slice';
import { useTheme } from '@/components/theme';
import { TopBar } from './top-bar';
import { useAutosave, weftCode } from './use-autosave';
import { useRunner } from './use-run';
import { useShortcuts } from './use-shortcuts';
import type { Catalog, WorkflowView } from './types';

// The workflow editor page: loads the workflow, the block catalog and the person's role, then lays out the top
// bar, palette, canvas, inspector and run panel around the one editor store.

export function WorkflowEditor({ workflowId }: { workflowId: string }) {
  const trpc = useTRPC();
  // No cache across visits: every visit starts from what the server has now.
  const workflow = useQuery({
    ...trpc.workflows.get.queryOptions({ id: workflowId }),
    staleTime: Infinity,
    gcTime: 0,
    refetchOnWindowFocus: false,
    retry: (count, error) => weftCode(error) !== 'workflow_not_found' && count < 2,
  });
  const catalog = useQuery({ ...trpc.blocks.catalog.queryOptions(), staleTime: Infinity });
  const me = useQuery(trpc.account.me.queryOptions());
  const loadedId = useEditorStore((state) => state.workflowId);

  useEffect(() => {
    if (workflow.data && catalog.data && useEditorStore.getState().workflowId !== workflowId) {
      useEditorStore.getState().load(workflow.data, catalog.data.blocks);
    }
  }, [workflow.data, catalog.data, workflowId]);

  useEffect(() => {
    if (me.data) useEditorStore.getState().setAccess({ viewer: me.data.role === 'viewer' });
  }, [me.data]);

  // Leaving the page forgets the graph, so the next visit loads it afresh.
  useEffect(
    () => () => {
      useEditorStore.setState({ workflowId: null, run: null, runPanelOpen: false });
      useVersionsStore.getState().reset();
    },
    [],
  );

  if (workflow.isError || catalog.isError) {
    const notFound = weftCode(workflow.error) === 'workflow_not_found';
    return (
      <CenteredMessage
        title={notFound ? 'Workflow not found' : 'The editor could not load'}
        body={notFound ? 'It may have been deleted, or it belongs to another workspace.' : errorMessage(workflow.error ?? catalog.error)}
        action={
          notFound ? (
            <Link href="/workflows" className={buttonClasses('primary')}>
              Back to workflows
            </Link>
          ) : (
            <Button variant="primary" onClick={() => void Promise.all([workflow.refetch(), catalog.refetch()])}>
              Try again
            </Button>
          )
        }
      />
    );
  }
  if (!workflow.data || !catalog.data || loadedId !== workflowId) {
    return (
      <div className="grid flex-1 place-items-center">
        <Loading label="Opening the workflow…" />
      </div>
    );
  }
  return (
    <ReactFlowProvider>
      <EditorShell
        workflow={workflow.data}
        catalog={catalog.data}
        canEdit={me.data ? me.data.role !== 'viewer' : false}
        reload={async () => {
          const fresh = await workflow.refetch();
          if (fresh.data) useEditorStore.getState().replaceFromServer(fresh.data);
        }}
      />
    </ReactFlowProvider>
  );
}

function CenteredMessage({ title, body, action }: { title: string; body: string; action: React.ReactNode }) {
  return (
    <div className="grid flex-1 place-items-center p-6">
      <div className="max-w-md text-center">
        <h1 className="text-lg font-semibold">{title}</h1>
        <p className="mt-2 text-sm text-zinc-500 dark:text-zinc-400">{body}</p>
        <div className="mt-5 flex justify-center">{action}</div>
      </div>
    </div>
  );
}

function EditorShell({ workflow, catalog, canEdit, reload }: { workflow: WorkflowView; catalog: Catalog; canEdit: boolean; reload: () => Promise<void> }) {
  const workflowId = workflow.id;
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { theme } = useTheme();
  const saveNow = useAutosave(workflowId);
  const flushSave = useCallback(() => saveNow(), [saveNow]);
  const { start, cancel } = useRunner(workflowId, flushSave);
  const [name, setName] = useState(workflow.name);
  const [runOpen, setRunOpen] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  const [deployOpen, setDeployOpen] = useState(false);
  const [paletteOpen, setPaletteOpen] = usePanelOpen('palette');
  const [inspectorOpen, setInspectorOpen] = usePanelOpen('inspector');
  const paletteId = useId();
  const inspectorId = useId();
  const runPanelOpen = useEditorStore((state) => state.runPanelOpen);
  const versionsOpen = useVersionsStore((state) => state.open);
  const versionOnCanvas = useVersionsStore((state) => state.selection);
  // "+" on an output asks for the palette, and Versions for its panel: a folded drawer opens for them.
  const wantsPalette = useEditorStore((state) => state.insertAfter !== null);
  useEffect(() => {
    if (wantsPalette) setPaletteOpen(true);
  }, [wantsPalette, setPaletteOpen]);
  useEffect(() => {
    if (versionsOpen) setInspectorOpen(true);
  }, [versionsOpen, setInspectorOpen]);

  useEffect(() => {
    document.title = `${name} · Weft`;
  }, [name]);

  const rename = useMutation(trpc.workflows.update.mutationOptions());
  const { actions, canvasRef } = useEditorActionsValue(workflowId, flushSave, reload);

  const openRun = useCallback(() => {
    const state = useEditorStore.getState();
    if (!canEdit || isRunActive(state.run) || state.nodes.length === 0) return;
    setRunOpen(true);
  }, [canEdit]);

  useShortcuts({
    onHelp: () => setHelpOpen(true),
    onRun: openRun,
    onSave: () => void saveNow(),
    editingPaused: () => useVersionsStore.getState().selection !== null,
  });

  async function onRename(next: string): Promise<boolean> {
    try {
      const updated = await rename.mutateAsync({ id: workflowId, patch: { name: next } });
      setName(updated.name);
      queryClient.setQueryData(trpc.workflows.get.queryKey({ id: workflowId }), (old) => (old ? { ...old, name: updated.name } : old));
      return true;
    } catch (error) {
      useEditorStore.getState().notify(errorMessage(error, 'The workflow could not be renamed.'), 'error');
      return false;
    }
  }

  return (
    <EditorActionsContext.Provider value={actions}>
      <div className="relative min-h-[32rem] flex-1">
        <div className="absolute inset-0 flex flex-col" data-testid="workflow-editor">
          <TopBar
            name={name}
            onRename={onRename}
            canEdit={canEdit}
            onRun={openRun}
            onDeploy={() => setDeployOpen(true)}
            onHelp={() => setHelpOpen(true)}
          />
          {versionOnCanvas && <VersionBanner selection={versionOnCanvas} />}
          <AccessBanner canEdit={canEdit} />
          <SaveProblemBanner reload={reload} saveNow={saveNow} />
          <p className="shrink-0 border-b border-zinc-200 bg-zinc-50 px-3 py-1.5 text-xs text-zinc-600 md:hidden dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-300">
            Editing needs a wider screen. Here you can look at the workflow, run it and open its history.
          </p>
          {/* Phones get the canvas alone; from md the palette and inspector sit beside it, narrower below xl, and
              each folds away to give the canvas the room. */}
          <div className="flex min-h-0 flex-1">
            <div className="hidden md:flex">
              {paletteOpen && (
                <div id={paletteId} className="flex">
                  <Palette catalog={catalog} readOnly={!canEdit || versionOnCanvas !== null} />
                </div>
              )}
              <PanelToggle side="left" label="blocks" open={paletteOpen} controls={paletteId} onToggle={() => setPaletteOpen(!paletteOpen)} />
            </div>
            <div className="relative flex min-w-0 flex-1 flex-col">
              <div ref={canvasRef} className="relative min-h-0 flex-1">
                <CanvasArea workflowId={workflowId} theme={theme} />
              </div>
              {runPanelOpen && <RunPanel onCancel={cancel} />}
            </div>
            <div className="hidden md:flex">
              <PanelToggle side="right" label="inspector" open={inspectorOpen} controls={inspectorId} onToggle={() => setInspectorOpen(!inspectorOpen)} />
              {inspectorOpen && (
                <div id={inspectorId} className="flex">
                  {versionsOpen ? <VersionsPanel /> : <Inspector theme={theme} />}
                </div>
              )}
            </div>
          </div>
        </div>
      </div>
      <RunDialog open={runOpen} onClose={() => setRunOpen(false)} workflowId={workflowId} onStart={start} theme={theme} />
      <HelpDialog open={helpOpen} onClose={() => setHelpOpen(false)} />
      <DeployPanel open={deployOpen} onClose={() => setDeployOpen(false)} />
    </EditorActionsContext.Provider>
  );
}

/** What the panels may ask of the editor: place a block (at the centre of the element given `canvasRef`), bring a
 * block or edge into view, save, reload. */
function useEditorActionsValue(workflowId: string, flushSave: () => Promise<boolean>, reload: () => Promise<void>) {
  const { screenToFlowPosition, fitView } = useReactFlow();
  const canvasRef = useRef<HTMLDivElement>(null);
  const actions = useMemo<EditorActions>(
    () => ({
      workflowId,
      addBlockAtCenter(type) {
        // After the output "+" chose, or after the one selected block: placed to its right and connected.
        const state = useEditorStore.getState();
        const after = state.insertAfter ?? outputOfSelection(state);
        if (after) {
          const id = state.addBlockAfter(type, after);
          state.setInsertAfter(null);
          if (id) requestAnimationFrame(() => void fitView({ nodes: [{ id: after.id }, { id }], duration: 300, maxZoom: 1.1, padding: 0.3 }));
          return;
        }
        const rect = canvasRef.current?.getBoundingClientRect();
        if (!rect) return;
        const center = screenToFlowPosition({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 });
        const snap = (value: number) => Math.round(value / 16) * 16;
        let position = { x: snap(center.x - NODE_WIDTH / 2), y: snap(center.y - NODE_HEIGHT / 2) };
        const taken = (x: number, y: number) => useEditorStore.getState().nodes.some((node) => Math.abs(node.position.x - x) < 24 && Math.abs(node.position.y - y) < 24);
        for (let step = 0; step < 20 && taken(position.x, position.y); step++) position = { x: position.x + 32, y: position.y + 32 };
        useEditorStore.getState().addBlock(type, position);
      },
      focusBlock(id) {
        useEditorStore.getState().select([id]);
        void fitView({ nodes: [{ id }], duration: 350, maxZoom: 1.2, padding: 0.6 });
      },
      focusEdge(id) {
        const edge = useEditorStore.getState().edges.find((candidate) => candidate.id === id);
        if (!edge) return;
        useEditorStore.getState().selectEdge(id);
        void fitView({ nodes: [{ id: edge.source }, { id: edge.target }], duration: 350, maxZoom: 1.2, padding: 0.4 });
      },
      flushSave,
      reload: () => void reload(),
    }),
    [workflowId, screenToFlowPosition, fitView, flushSave, reload],
  );
  return { actions, canvasRef };
}

/** The first output of the one selected block, if exactly one block is selected and it has outputs. */
function outputOfSelection(state: EditorState): OutputRef | null {
  const selected = state.nodes.filter((node) => node.selected);
  if (selected.length !== 1) return null;
  const handles = state.catalog.get(selected[0].data.type)?.sourceHandles ?? [];
  return handles.length > 0 ? { id: selected[0].id, sourceHandle: handles[0].id } : null;
}

/** Why the canvas is read-only, when it is: the person is a viewer. (Deployed workflows stay editable.) */
function AccessBanner({ canEdit }: { canEdit: boolean }) {
  if (canEdit) return null;
  return (
    <Banner tone="info" icon="lock">
      You are a viewer in this workspace: you can look at this workflow but not change or run it.
    </Banner>
  );
}

/** The canvas with what floats over it: a version being viewed, notices, and the way back to the last run. */
function CanvasArea({ workflowId, theme }: { workflowId: string; theme: 'light' | 'dark' }) {
  const versionOnCanvas = useVersionsStore((state) => state.selection);
  const runPanelOpen = useEditorStore((state) => state.runPanelOpen);
  const hasRun = useEditorStore((state) => state.run !== null);
  return (
    <>
      <Canvas theme={theme} />
      {versionOnCanvas && (
        <VersionCanvas
          key={`${versionOnCanvas.version}:${versionOnCanvas.mode}`}
          workflowId={workflowId}
          version={versionOnCanvas.version}
          mode={versionOnCanvas.mode}
          theme={theme}
        />
      )}
      <Toast />
      {hasRun && !runPanelOpen && (
        <button
          type="button"
          onClick={() => useEditorStore.getState().setRunPanelOpen(true)}
          className="absolute bottom-4 left-1/2 z-10 -translate-x-1/2 rounded-full border border-zinc-200 bg-white px-3 py-1.5 text-xs font-medium shadow-md hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900 dark:hover:bg-zinc-800"
        >
          Show last run
        </button>
      )}
    </>
  );
}

function Banner({ tone, icon, children }: { tone: 'info' | 'warning' | 'error'; icon: string; children: React.ReactNode }) {
  const tones = {
    info: 'border-sky-200 bg-sky-50 text-sky-900 dark:border-sky-900/60 dark:bg-sky-950/40 dark:text-sky-200',
    warning: 'border-amber-200 bg-amber-50 text-amber-900 dark:border-amber-900/60 dark:bg-amber-950/40 dark:text-amber-200',
    error: 'border-red-200 bg-red-50 text-red-900 dark:border-red-900/60 dark:bg-red-950/40 dark:text-red-200',
  };
  return (
    <div role={tone === 'info' ? 'status' : 'alert'} className={`flex shrink-0 items-center gap-2 border-b px-4 py-2 text-sm ${tones[tone]}`}>
      <Icon name={icon} className="h-4 w-4 shrink-0" />
      <div className="flex flex-1 flex-wrap items-center gap-y-1">{children}</div>
    </div>
  );
}

function SaveProblemBanner({ reload, saveNow }: { reload: () => Promise<void>; saveNow: (options?: { force?: boolean }) => Promise<boolean> }) {
  const save = useEditorStore((state) => state.save);
  const [busy, setBusy] = useState(false);
  if (save.status !== 'conflict' && save.status !== 'error') return null;
  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    await action();
    setBusy(false);
  };
  if (save.status === 'error') {
    return (
      <Banner tone="error" icon="alert">
        <span className="mr-3">Your latest changes are not saved: {save.error} They are kept here; saving retries with your next change.</span>
        <Button size="sm" loading={busy} onClick={() => run(() => saveNow())}>
          Retry now
        </Button>
      </Banner>
    );
  }
  return (
    <Banner tone="warning" icon="alert">
      <span className="mr-3">{save.error} Your version is still on screen.</span>
      <span className="flex gap-2">
        <Button size="sm" loading={busy} onClick={() => run(reload)}>
          Reload (discard mine)
        </Button>
        {save.status === 'conflict' && (
          <Button size="sm" variant="ghost" disabled={busy} onClick={() => run(() => saveNow({ force: true }))}>
            Keep mine (overwrite)
          </Button>
        )}
      </span>
    </Banner>
  );
}

function Toast() {
  const notice = useEditorStore((state) => state.notice);
  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => {
      if (useEditorStore.getState().notice?.id === notice.id) useEditorStore.setState({ notice: null });
    }, 3500);
    return () => clearTimeout(timer);
  }, [notice]);
  return (
    <div aria-live="polite" className="pointer-events-none absolute top-3 left-1/2 z-20 -translate-x-1/2">
      {notice && (
        <p
          key={notice.id}
          data-testid="editor-notice"
          className={`rounded-full px-3 py-1.5 text-xs font-medium shadow-lg ${notice.tone === 'error' ? 'bg-red-600 text-white' : 'bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900'}`}
        >
          {notice.text}
        </p>
      )}
    </div>
  );
}
