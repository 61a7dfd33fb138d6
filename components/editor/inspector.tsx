'use client';

import { useCallback, useId, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Button } from '@/components/ui/button';
import { ConnectControl } from './connect-control';
import { DebugSection } from './debug-section';
import { ConfigField, InputFieldsEditor, controlClass } from './fields';
import { blockIdProblem, getAtPath, problemConfigPath } from './graph';
import { categoryTone, Icon } from '@/components/ui/icons';
import { selectedBlockId, selectedCount, useEditorStore } from './store';
import { suggestionsFor } from './suggestions';
import type { CatalogBlock, FieldHint, GraphProblem } from './types';

// The right-hand panel: the selected block's name, id and settings (a form generated from the catalog's field
// hints), its problems and what it did in the last run. With nothing selected it explains what to do.

export function Inspector({ theme }: { theme: 'light' | 'dark' }) {
  const blockId = useEditorStore(selectedBlockId);
  const count = useEditorStore(selectedCount);
  const selectedEdge = useEditorStore(useShallow((state) => state.edges.find((edge) => edge.selected) ?? null));

  return (
    <aside
      aria-label="Inspector"
      className="flex h-full w-72 shrink-0 flex-col xl:w-[22rem] border-l border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900"
    >
      {blockId ? (
        <BlockInspector key={blockId} blockId={blockId} theme={theme} />
      ) : count > 1 ? (
        <MultiSelection count={count} />
      ) : selectedEdge ? (
        <EdgeInspector edgeId={selectedEdge.id} source={selectedEdge.source} target={selectedEdge.target} handle={selectedEdge.sourceHandle ?? null} />
      ) : (
        <NothingSelected />
      )}
    </aside>
  );
}

function PanelHeader({ title, subtitle, icon, category }: { title: string; subtitle?: string; icon: string; category?: string }) {
  const tone = categoryTone(category);
  return (
    <div className="flex items-center gap-3 border-b border-zinc-200 px-4 py-3 dark:border-zinc-800">
      <span className={`grid h-9 w-9 shrink-0 place-items-center rounded-lg ${tone.icon}`}>
        <Icon name={icon} />
      </span>
      <div className="min-w-0">
        <h2 className="truncate text-sm font-semibold text-zinc-900 dark:text-zinc-100">{title}</h2>
        {subtitle && <p className="truncate text-xs text-zinc-500 dark:text-zinc-400">{subtitle}</p>}
      </div>
    </div>
  );
}

function NothingSelected() {
  const blockCount = useEditorStore((state) => state.nodes.length);
  const readOnly = useEditorStore((state) => state.readOnly);
  return (
    <div className="flex-1 overflow-y-auto">
      <PanelHeader title="Inspector" subtitle="Nothing selected" icon="box" />
      <div className="space-y-4 p-4 text-sm text-zinc-600 dark:text-zinc-300">
        <p>{blockCount === 0 ? 'Add an Input block to begin, then the steps of your workflow, then an Output block.' : 'Select a block to see and change its settings.'}</p>
        {!readOnly && (
          <ul className="space-y-2 text-xs text-zinc-500 dark:text-zinc-400">
            <li>• Connect blocks by dragging from the dot on a block’s right edge to another block.</li>
            <li>
              • In text fields, type <code className="rounded bg-zinc-100 px-1 font-mono dark:bg-zinc-800">{'{{'}</code> to use the output of an earlier block.
            </li>
            <li>• Shift-drag on the canvas to select several blocks. Press ? for all shortcuts.</li>
          </ul>
        )}
      </div>
    </div>
  );
}

function MultiSelection({ count }: { count: number }) {
  const readOnly = useEditorStore((state) => state.readOnly);
  return (
    <div className="flex-1 overflow-y-auto">
      <PanelHeader title={`${count} blocks selected`} icon="copy" />
      {!readOnly && (
        <div className="flex flex-wrap gap-2 p-4">
          <Button size="sm" onClick={() => useEditorStore.getState().duplicateSelection()}>
            <Icon name="copy" className="h-3.5 w-3.5" /> Duplicate
          </Button>
          <Button size="sm" variant="danger" onClick={() => useEditorStore.getState().deleteSelection()}>
            <Icon name="trash" className="h-3.5 w-3.5" /> Delete
          </Button>
        </div>
      )}
    </div>
  );
}

function EdgeInspector({ edgeId, source, target, handle }: { edgeId: string; source: string; target: string; handle: string | null }) {
  const readOnly = useEditorStore((state) => state.readOnly);
  const problems = useEditorStore((state) => state.problemIndex.byEdge.get(edgeId));
  return (
    <div className="flex-1 overflow-y-auto">
      <PanelHeader title="Connection" subtitle={`${source}${handle ? ` (${handle})` : ''} → ${target}`} icon="chevron-right" />
      <div className="space-y-3 p-4">
        {problems?.map((problem, index) => (
          <p key={index} className="rounded-md bg-red-50 px-3 py-2 text-xs text-red-700 dark:bg-red-950/40 dark:text-red-300">
            {problem.message}
          </p>
        ))}
        {!readOnly && (
          <Button size="sm" variant="danger" onClick={() => useEditorStore.getState().deleteSelection()}>
            <Icon name="trash" className="h-3.5 w-3.5" /> Delete connection
          </Button>
        )}
      </div>
    </div>
  );
}

/** The schema default of a config path, from the catalog's JSON schema. */
function schemaDefault(definition: CatalogBlock | undefined, path: string): unknown {
  let schema = definition?.configSchema as { properties?: Record<string, unknown>; default?: unknown } | undefined;
  for (const key of path.split('.')) {
    schema = schema?.properties?.[key] as typeof schema;
    if (!schema) return undefined;
  }
  return schema?.default;
}

function fieldError(problems: readonly GraphProblem[] | undefined, path: string): string | null {
  const own = problems?.filter((problem) => {
    const at = problemConfigPath(problem);
    return at !== null && (at === path || at.startsWith(`${path}.`));
  });
  return own?.length ? own.map((problem) => problem.message).join(' · ') : null;
}

function BlockInspector({ blockId, theme }: { blockId: string; theme: 'light' | 'dark' }) {
  // The block's data only: it keeps its identity while the block is dragged, so moving it does not redraw the form.
  const data = useEditorStore((state) => state.nodes.find((candidate) => candidate.id === blockId)?.data);
  const definition = useEditorStore((state) => (data ? state.catalog.get(data.type) : undefined));
  const readOnly = useEditorStore((state) => state.readOnly);
  const problems = useEditorStore((state) => state.problemIndex.byBlock.get(blockId));
  const [advancedOpen, setAdvancedOpen] = useState(false);

  const suggestions = useCallback(() => suggestionsFor(useEditorStore.getState(), blockId), [blockId]);

  const hints = useMemo(() => Object.entries((definition?.fieldHints ?? {}) as Record<string, FieldHint>), [definition]);
  if (!data) return null;
  const config = data.config;
  const templateFields = new Set(definition?.templateFields ?? []);
  const basic = hints.filter(([, hint]) => !hint.advanced);
  const advanced = hints.filter(([, hint]) => hint.advanced);
  const fieldPaths = hints.map(([path]) => path);
  const otherProblems =
    problems?.filter((problem) => {
      if (problem.field === 'id') return false;
      const at = problemConfigPath(problem);
      return at === null || !fieldPaths.some((path) => at === path || at.startsWith(`${path}.`));
    }) ?? [];
  const advancedHasError = advanced.some(([path]) => fieldError(problems, path));

  const renderField = ([path, hint]: [string, FieldHint]) => {
    const value = getAtPath(config, path);
    const onChange = (next: unknown) => useEditorStore.getState().updateConfig(blockId, path, next);
    const error = fieldError(problems, path);
    const field = { value, onChange, readOnly, error, hint, theme };
    if (hint.widget === 'input-fields') return <InputFieldsEditor key={path} {...field} />;
    return (
      <ConfigField
        key={path}
        {...field}
        path={path}
        defaultValue={schemaDefault(definition, path)}
        isTemplate={templateFields.has(path.split('.')[0])}
        suggestions={suggestions}
        blockType={data.type}
      />
    );
  };

  return (
    <div className="flex min-h-0 flex-1 flex-col" data-testid="inspector">
      <PanelHeader title={data.name || blockId} subtitle={definition?.description ?? data.type} icon={definition?.icon ?? 'box'} category={definition?.category} />
      <div className="min-h-0 flex-1 space-y-5 overflow-y-auto p-4">
        {otherProblems.length > 0 && (
          <div role="alert" className="space-y-1 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-xs text-red-700 dark:border-red-900/60 dark:bg-red-950/40 dark:text-red-300">
            {otherProblems.map((problem, index) => (
              <p key={index} className="flex items-start gap-1.5">
                <Icon name="alert" className="mt-px h-3.5 w-3.5 shrink-0" />
                {problem.message}
              </p>
            ))}
          </div>
        )}

        <section className="space-y-3">
          <NameField blockId={blockId} name={data.name} readOnly={readOnly} />
          <IdField blockId={blockId} readOnly={readOnly} error={problems?.find((problem) => problem.field === 'id')?.message ?? null} />
        </section>

        {basic.length > 0 && (
          <section aria-label="Settings" className="space-y-4 border-t border-zinc-100 pt-4 dark:border-zinc-800">
            {basic.map(renderField)}
          </section>
        )}

        {advanced.length > 0 && (
          <section className="border-t border-zinc-100 pt-3 dark:border-zinc-800">
            <button
              type="button"
              aria-expanded={advancedOpen || advancedHasError}
              onClick={() => setAdvancedOpen((open) => !open)}
              className="flex w-full items-center gap-1.5 py-1 text-left text-[13px] font-medium text-zinc-700 hover:text-zinc-900 dark:text-zinc-300 dark:hover:text-zinc-100"
            >
              <Icon name={advancedOpen || advancedHasError ? 'chevron-down' : 'chevron-right'} className="h-3.5 w-3.5" />
              Advanced
              <span className="font-normal text-zinc-500 dark:text-zinc-400">· timeout, retries, errors</span>
            </button>
            {(advancedOpen || advancedHasError) && <div className="mt-3 space-y-4">{advanced.map(renderField)}</div>}
          </section>
        )}

        {!readOnly && <ConnectControl blockId={blockId} />}
        <LastRun blockId={blockId} />
        {!readOnly && <DebugSection blockId={blockId} />}

        {!readOnly && (
          <section className="border-t border-zinc-100 pt-4 dark:border-zinc-800">
            <div className="flex flex-wrap gap-2">
              <Button
                size="sm"
                onClick={() => {
                  useEditorStore.getState().select([blockId]);
                  useEditorStore.getState().duplicateSelection();
                }}
              >
                <Icon name="copy" className="h-3.5 w-3.5" /> Duplicate
              </Button>
              <Button size="sm" variant="danger" onClick={() => useEditorStore.getState().deleteBlocks([blockId])}>
                <Icon name="trash" className="h-3.5 w-3.5" /> Delete block
              </Button>
            </div>
          </section>
        )}
      </div>
    </div>
  );
}

function NameField({ blockId, name, readOnly }: { blockId: string; name: string | null; readOnly: boolean }) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className="mb-1.5 block text-[13px] font-medium text-zinc-800 dark:text-zinc-200">
        Name
      </label>
      <input
        id={id}
        type="text"
        value={name ?? ''}
        placeholder={blockId}
        maxLength={200}
        disabled={readOnly}
        onChange={(event) => useEditorStore.getState().updateName(blockId, event.target.value)}
        className={controlClass(false, 'h-9')}
      />
    </div>
  );
}

/**
 * The block id is how templates and code refer to the block. Renaming it is one undoable step that also rewrites
 * `{{old.…}}` references in other blocks, the variable in their code and the edges, so nothing breaks.
 */
function IdField({ blockId, readOnly, error }: { blockId: string; readOnly: boolean; error: string | null }) {
  const id = useId();
  const [draft, setDraft] = useState(blockId);
  const [seen, setSeen] = useState(blockId);
  if (seen !== blockId) {
    setSeen(blockId);
    setDraft(blockId);
  }
  const others = useEditorStore(useShallow((state) => state.nodes.filter((node) => node.id !== blockId).map((node) => node.id)));
  const problem = draft === blockId ? null : blockIdProblem(draft, others);
  function commit() {
    if (draft === blockId) return;
    if (problem) {
      setDraft(blockId);
      return;
    }
    useEditorStore.getState().renameId(blockId, draft);
  }

  const shown = problem ?? error;
  return (
    <div>
      <label htmlFor={id} className="mb-1.5 block text-[13px] font-medium text-zinc-800 dark:text-zinc-200">
        Id
      </label>
      <input
        id={id}
        type="text"
        value={draft}
        spellCheck={false}
        disabled={readOnly}
        aria-invalid={shown ? true : undefined}
        aria-describedby={`${id}-note`}
        onChange={(event) => setDraft(event.target.value)}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === 'Enter') commit();
          if (event.key === 'Escape') setDraft(blockId);
        }}
        className={controlClass(Boolean(shown), 'h-9 font-mono text-[12.5px]')}
      />
      <p id={`${id}-note`} className={`mt-1.5 text-xs ${shown ? 'text-red-600 dark:text-red-400' : 'text-zinc-500 dark:text-zinc-400'}`}>
        {shown ?? (
          <>
            Other blocks use it as <code className="font-mono">{`{{${blockId}.…}}`}</code>; renaming updates them.
          </>
        )}
      </p>
    </div>
  );
}

function LastRun({ blockId }: { blockId: string }) {
  const block = useEditorStore((state) => state.run?.blocks[blockId]);
  if (!block || block.status === 'pending') return null;
  return (
    <section className="space-y-2 border-t border-zinc-100 pt-4 dark:border-zinc-800">
      <h3 className="flex items-center justify-between text-[13px] font-medium text-zinc-800 dark:text-zinc-200">
        Last run
        <span className="text-xs font-normal text-zinc-500 dark:text-zinc-400">
          {block.status}
          {block.durationMs !== undefined ? ` · ${formatMs(block.durationMs)}` : ''}
        </span>
      </h3>
      {block.error && <p className="rounded-md bg-red-50 px-2 py-1.5 text-xs text-red-700 dark:bg-red-950/40 dark:text-red-300">{block.error.message}</p>}
      {block.output !== undefined && (
        <pre className="max-h-48 overflow-auto rounded-md bg-zinc-50 p-2 font-mono text-[11.5px] text-zinc-800 dark:bg-zinc-950 dark:text-zinc-200">
          {JSON.stringify(block.output, null, 2)}
        </pre>
      )}
    </section>
  );
}

export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}
