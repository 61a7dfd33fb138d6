'use client';

import { useId, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Button } from '@/components/ui/button';
import { controlClass } from './fields';
import { connectionProblem } from './graph';
import { useEditorStore } from './store';

// Connecting blocks without a mouse: from the selected block's inspector, pick an output (when it has several) and the
// block it should lead to. Blocks that cannot take the edge (a loop, already connected) are not offered.

export function ConnectControl({ blockId }: { blockId: string }) {
  const selectId = useId();
  const handleId = useId();
  const handles = useEditorStore(useShallow((state) => state.catalog.get(state.nodes.find((node) => node.id === blockId)?.data.type ?? '')?.sourceHandles ?? []));
  const [handle, setHandle] = useState<string | null>(handles[0]?.id ?? null);
  // Plain strings, so the shallow comparison sees an unchanged list as unchanged.
  const targetIds = useEditorStore(
    useShallow((state) =>
      state.nodes
        .filter((node) => connectionProblem({ source: blockId, sourceHandle: handle, target: node.id, targetHandle: null }, state.nodes, state.edges, state.catalog) === null)
        .map((node) => node.id),
    ),
  );
  const names = useEditorStore(useShallow((state) => targetIds.map((id) => state.nodes.find((node) => node.id === id)?.data.name ?? '')));
  const targets = targetIds.map((id, index) => ({ id, label: names[index] ? `${names[index]} (${id})` : id }));
  const [target, setTarget] = useState('');
  if (handles.length === 0) return null;
  const chosen = targets.some((candidate) => candidate.id === target) ? target : '';

  return (
    <section aria-label="Connect" className="space-y-2 border-t border-zinc-100 pt-4 dark:border-zinc-800">
      <h3 className="text-[13px] font-medium text-zinc-800 dark:text-zinc-200">Connect to another block</h3>
      {handles.length > 1 && (
        <div>
          <label htmlFor={handleId} className="mb-1 block text-xs text-zinc-600 dark:text-zinc-300">
            From output
          </label>
          <select id={handleId} value={handle ?? ''} onChange={(event) => setHandle(event.target.value || null)} className={controlClass(false, 'h-8 text-xs')}>
            {handles.map((option) => (
              <option key={option.id ?? ''} value={option.id ?? ''}>
                {option.label ?? option.id ?? 'Output'}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="flex items-end gap-2">
        <div className="min-w-0 flex-1">
          <label htmlFor={selectId} className="mb-1 block text-xs text-zinc-600 dark:text-zinc-300">
            Lead to
          </label>
          <select id={selectId} value={chosen} onChange={(event) => setTarget(event.target.value)} className={controlClass(false, 'h-8 text-xs')}>
            <option value="">{targets.length ? 'Choose a block…' : 'No block can follow this one'}</option>
            {targets.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.label}
              </option>
            ))}
          </select>
        </div>
        <Button
          size="sm"
          disabled={!chosen}
          onClick={() => {
            useEditorStore.getState().connect({ source: blockId, sourceHandle: handle, target: chosen, targetHandle: null });
            useEditorStore.getState().notify(`Connected ${blockId} → ${chosen}.`);
            setTarget('');
          }}
        >
          Connect
        </Button>
      </div>
    </section>
  );
}
