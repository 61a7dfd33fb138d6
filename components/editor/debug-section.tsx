'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC, useTRPCClient } from '@/components/trpc';
import { Button } from '@/components/ui/button';
import { errorMessage } from '@/components/ui/errors';
import { Icon } from '@/components/ui/icons';
import { useEditorActions } from './editor-context';
import { useEditorStore } from './store';
import { useRefresh } from '@/components/ui/use-refresh';

// The inspector's debug loop for one block: test it alone (on the last run's upstream outputs, pins or typed
// sample data), run from it or until it, and pin (and edit) its output so test runs use that instead of running it.

type Mode = 'block' | 'from' | 'until';

const MODES: { mode: Mode; label: string; icon: string }[] = [
  { mode: 'block', label: 'Test this block', icon: 'play' },
  { mode: 'from', label: 'Run from here', icon: 'chevron-right' },
  { mode: 'until', label: 'Run until here', icon: 'flag' },
];

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

function JsonText({ label, value, onChange, rows }: { label: string; value: string; onChange: (text: string) => void; rows: number }) {
  return (
    <textarea
      aria-label={label}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      rows={rows}
      spellCheck={false}
      className="block w-full rounded-md border border-zinc-300 bg-white p-2 font-mono text-xs dark:border-zinc-700 dark:bg-zinc-950"
    />
  );
}

/** The workflow's pinned outputs by block id (shared by the inspector and the canvas's pin badges). */
function usePins(workflowId: string | null) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.debug.pins.queryOptions({ workflow_id: workflowId ?? '' }), enabled: workflowId !== null });
}

/** On the editor's canvas only (the store names the workflow being edited; read-only canvases have none). */
export function PinnedBadge({ blockId }: { blockId: string }) {
  const workflowId = useEditorStore((state) => state.workflowId);
  const pinned = usePins(workflowId).data?.[blockId] !== undefined;
  if (!pinned) return null;
  return (
    <span
      data-testid={`block-${blockId}-pinned`}
      title="Pinned output: test runs use it instead of running this block (deployed runs never do)"
      className="absolute -top-2.5 right-3 rounded-full bg-amber-400 px-2 py-px text-[10px] font-semibold tracking-wide text-amber-950 uppercase shadow-sm"
    >
      Pinned
    </span>
  );
}

export function DebugSection({ blockId }: { blockId: string }) {
  const { workflowId, flushSave } = useEditorActions();
  const client = useTRPCClient();
  const [sample, setSample] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<Mode | null>(null);

  async function run(mode: Mode) {
    setError(null);
    const typed = sample?.trim() ? parseJson(sample) : null;
    if (typed && (!typed.ok || typeof typed.value !== 'object' || typed.value === null || Array.isArray(typed.value))) {
      setError('Sample data must be a JSON object: outputs by upstream block id, e.g. {"fetch": {"status": 200}}.');
      return;
    }
    setBusy(mode);
    try {
      if (!(await flushSave())) throw new Error('Save your changes before running.');
      const previous = useEditorStore.getState().run?.executionId ?? undefined;
      const { execution_id } = await client.debug.run.mutate({
        workflow_id: workflowId,
        mode,
        block_id: blockId,
        execution_id: previous,
        sample: typed?.ok ? (typed.value as Record<string, never>) : undefined,
      });
      const store = useEditorStore.getState();
      store.beginRun();
      store.attachRun(execution_id);
    } catch (caught) {
      setError(errorMessage(caught, 'The run could not start.'));
    } finally {
      setBusy(null);
    }
  }

  return (
    <section aria-label="Debug" className="space-y-3 border-t border-zinc-100 pt-4 dark:border-zinc-800">
      <h3 className="text-[13px] font-medium text-zinc-800 dark:text-zinc-200">Debug</h3>
      <div className="flex flex-wrap gap-2">
        {MODES.map(({ mode, label, icon }) => (
          <Button key={mode} size="sm" loading={busy === mode} disabled={busy !== null} onClick={() => void run(mode)}>
            <Icon name={icon} className="h-3.5 w-3.5" /> {label}
          </Button>
        ))}
      </div>
      <p className="text-xs text-zinc-500 dark:text-zinc-400">Upstream blocks keep the outputs of the last run (or their pinned output) instead of running again.</p>
      {sample === null ? (
        <button type="button" className="text-xs font-medium text-indigo-600 hover:underline dark:text-indigo-400" onClick={() => setSample('{}')}>
          Type sample data for upstream blocks
        </button>
      ) : (
        <label className="block space-y-1 text-xs text-zinc-600 dark:text-zinc-400">
          Sample data (outputs by upstream block id; used by Test this block)
          <JsonText label="Sample data" value={sample} onChange={setSample} rows={4} />
        </label>
      )}
      {error && (
        <p role="alert" className="rounded-md bg-red-50 px-2 py-1.5 text-xs text-red-700 dark:bg-red-950/40 dark:text-red-300">
          {error}
        </p>
      )}
      <PinEditor blockId={blockId} />
    </section>
  );
}

function PinEditor({ blockId }: { blockId: string }) {
  const { workflowId } = useEditorActions();
  const trpc = useTRPC();
  const pins = usePins(workflowId);
  const lastOutput = useEditorStore((state) => state.run?.blocks[blockId]?.output);
  const pinned = pins.data?.[blockId];
  const [draft, setDraft] = useState<string | null>(null);
  const [invalid, setInvalid] = useState(false);
  const refresh = useRefresh(trpc.debug.pins.queryKey({ workflow_id: workflowId }));
  const pin = useMutation(trpc.debug.pin.mutationOptions({ onSuccess: refresh }));
  const unpin = useMutation(trpc.debug.unpin.mutationOptions({ onSuccess: refresh }));
  const text = draft ?? JSON.stringify(pinned ?? lastOutput ?? {}, null, 2);
  const editing = draft !== null || pinned !== undefined;

  function save() {
    const parsed = parseJson(text);
    setInvalid(!parsed.ok);
    if (!parsed.ok) return;
    pin.mutate({ workflow_id: workflowId, block_id: blockId, output: parsed.value as never }, { onSuccess: () => setDraft(null) });
  }

  return (
    <div className="space-y-2 rounded-md border border-dashed border-zinc-300 p-2.5 dark:border-zinc-700">
      <p className="flex items-center justify-between text-xs font-medium text-zinc-700 dark:text-zinc-300">
        {pinned !== undefined ? 'Pinned output' : 'Pin output'}
        {pinned !== undefined && <span className="rounded-full bg-amber-400 px-1.5 text-[10px] text-amber-950 uppercase">Pinned</span>}
      </p>
      {editing ? (
        <>
          <JsonText label="Pinned output" value={text} onChange={setDraft} rows={5} />
          {invalid && <p className="text-xs text-red-600 dark:text-red-400">Not valid JSON.</p>}
          <div className="flex gap-2">
            <Button size="sm" variant="primary" loading={pin.isPending} onClick={save}>
              Save pin
            </Button>
            {pinned !== undefined ? (
              <Button size="sm" loading={unpin.isPending} onClick={() => unpin.mutate({ workflow_id: workflowId, block_id: blockId }, { onSuccess: () => setDraft(null) })}>
                Unpin
              </Button>
            ) : (
              <Button size="sm" variant="ghost" onClick={() => setDraft(null)}>
                Cancel
              </Button>
            )}
          </div>
        </>
      ) : (
        <Button size="sm" onClick={() => setDraft(JSON.stringify(lastOutput ?? {}, null, 2))}>
          Pin an output
        </Button>
      )}
      <p className="text-[11px] text-zinc-500 dark:text-zinc-400">Test runs use a pinned output instead of running the block; deployed runs never do.</p>
    </div>
  );
}
