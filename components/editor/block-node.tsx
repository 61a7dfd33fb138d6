'use client';

import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { blockSummary } from './graph';
import { handlesOf, handleTone } from '@/components/ui/handle-tones';
import { categoryTone, Icon } from '@/components/ui/icons';
import { TruncatedText } from '@/components/ui/truncated-text';
import { BLOCK_STATUS_LABEL } from '@/components/run-events/block-statuses';
import { lastLine } from '@/components/run-events/run-state';
import { PinnedBadge } from './debug-section';
import { useEditorStore, visibleRun } from './store';
import type { BlockNode, BlockRunStatus } from './types';

// One presentational node for every block type: what it shows comes from the catalog (icon, label, handles) and
// from the block's own data. Run status and problems are read from the store by this node's id only, so a live
// run that updates one block re-renders that one node.

const STATUS_RING: Record<BlockRunStatus, string> = {
  pending: 'ring-2 ring-zinc-300 dark:ring-zinc-600',
  running: 'ring-2 ring-indigo-500',
  success: 'ring-2 ring-emerald-500',
  error: 'ring-2 ring-red-500',
  skipped: 'opacity-45 border-dashed',
};

const HANDLE_CLASSES =
  '!h-3 !w-3 !border-2 !border-white !bg-zinc-400 transition-colors hover:!bg-indigo-500 dark:!border-zinc-900 dark:!bg-zinc-500';

function StatusDot({ status }: { status: BlockRunStatus }) {
  if (status === 'running') {
    return (
      <span className="relative flex h-2.5 w-2.5" aria-hidden>
        <span className="absolute inline-flex h-full w-full animate-ping rounded-full bg-indigo-400 opacity-75" />
        <span className="relative inline-flex h-2.5 w-2.5 rounded-full bg-indigo-500" />
      </span>
    );
  }
  if (status === 'success') return <Icon name="check" className="h-3.5 w-3.5 text-emerald-600 dark:text-emerald-400" />;
  if (status === 'error') return <Icon name="x" className="h-3.5 w-3.5 text-red-600 dark:text-red-400" />;
  return <span aria-hidden className="h-2 w-2 rounded-full bg-zinc-300 dark:bg-zinc-600" />;
}

function BlockNodeView({ id, data, selected }: NodeProps<BlockNode>) {
  const definition = useEditorStore((state) => state.catalog.get(data.type));
  const status = useEditorStore((state) => visibleRun(state)?.blocks[id]?.status ?? null);
  const liveLine = useEditorStore((state) => {
    const block = visibleRun(state)?.blocks[id];
    if (!block) return '';
    if (block.status === 'error') return block.error?.message ?? '';
    if (block.status === 'running') return lastLine(block.chunks) || (block.console.length ? block.console[block.console.length - 1].message : '');
    return '';
  });
  const problems = useEditorStore((state) => state.problemIndex.byBlock.get(id));
  const tone = categoryTone(definition?.category);
  const label = definition?.label ?? data.type;
  const name = data.name || id;
  const summary = blockSummary(definition, data.config);
  const sourceHandles = handlesOf(definition, 'source', data.config);
  const targetHandles = handlesOf(definition, 'target');
  const problemText = problems?.map((problem) => problem.message).join('\n');

  return (
    <div
      data-testid={`block-${id}`}
      data-status={status ?? undefined}
      data-problems={problems?.length ?? 0}
      role="group"
      aria-label={`${label} block ${name}${status ? `, ${BLOCK_STATUS_LABEL[status].toLowerCase()}` : ''}${problems?.length ? `, ${problems.length} problem${problems.length === 1 ? '' : 's'}` : ''}`}
      className={[
        // A container (a loop) is a frame its inner blocks sit in (React Flow child nodes).
        definition?.container
          ? 'group relative h-[300px] w-[560px] rounded-xl border border-dashed bg-zinc-50/60 text-left shadow-sm dark:bg-zinc-900/40'
          : 'group relative w-60 rounded-xl border bg-white text-left shadow-sm transition-[box-shadow,opacity] dark:bg-zinc-900',
        problems?.length ? 'border-red-400 dark:border-red-500/80' : 'border-zinc-200 dark:border-zinc-700/80',
        selected ? 'shadow-md outline-2 outline-offset-2 outline-indigo-500' : 'hover:shadow-md',
        status ? STATUS_RING[status] : '',
      ].join(' ')}
    >
      {status === 'running' && <span aria-hidden className="weft-running pointer-events-none absolute -inset-[3px] rounded-[15px] border-2 border-indigo-500/70" />}
      {targetHandles.map(({ id: handle }) => (
        <Handle
          key={handle ?? 'in'}
          type="target"
          position={Position.Left}
          {...(handle === null ? {} : { id: handle })}
          data-testid={`handle-${id}-in`}
          title={`Input of ${name}`}
          className={HANDLE_CLASSES}
        />
      ))}

      <div className="flex items-center gap-2.5 px-3 pt-2.5 pb-2">
        <span className={`grid h-8 w-8 shrink-0 place-items-center rounded-lg ${tone.icon}`}>
          <Icon name={definition?.icon ?? 'box'} className="h-4 w-4" />
        </span>
        <div className="min-w-0 flex-1">
          <TruncatedText as="p" className="text-sm leading-5 font-semibold text-zinc-900 dark:text-zinc-100">
            {name}
          </TruncatedText>
          <p className="truncate text-[11px] leading-4 text-zinc-500 dark:text-zinc-400">
            {label}
            {data.name ? <span className="font-mono"> · {id}</span> : null}
          </p>
        </div>
        {status && (
          <span className="flex h-5 w-5 shrink-0 items-center justify-center" title={BLOCK_STATUS_LABEL[status]}>
            <StatusDot status={status} />
          </span>
        )}
      </div>

      {(summary || liveLine) && (
        <div className="border-t border-zinc-100 px-3 py-1.5 dark:border-zinc-800">
          {liveLine ? (
            <TruncatedText
              as="p"
              data-testid={`block-${id}-live`}
              className={`font-mono text-[11px] ${status === 'error' ? 'text-red-600 dark:text-red-400' : 'text-indigo-600 dark:text-indigo-300'}`}
            >
              {liveLine}
            </TruncatedText>
          ) : (
            <TruncatedText as="p" className="font-mono text-[11px] text-zinc-500 dark:text-zinc-400">
              {summary}
            </TruncatedText>
          )}
        </div>
      )}

      <SourceHandles blockId={id} name={name} handles={sourceHandles} />

      <PinnedBadge blockId={id} />
      {problems && problems.length > 0 && <ProblemBadge blockId={id} count={problems.length} text={problemText ?? ''} />}
    </div>
  );
}

/** The block's outputs: one handle on the right edge, or one labelled row per named branch (e.g. true/false). */
function SourceHandles({ blockId, name, handles }: { blockId: string; name: string; handles: ReturnType<typeof handlesOf> }) {
  if (handles.some((handle) => handle.id !== null)) {
    return (
      <div className="flex flex-col gap-1 border-t border-zinc-100 py-1.5 dark:border-zinc-800">
        {handles.map(({ id: handle, label: handleLabel, tone }) => (
          <div key={handle ?? 'out'} className="relative flex justify-end pr-3">
            <span className={`text-[11px] font-medium ${handleTone(tone).label}`}>{handleLabel}</span>
            <Handle
              type="source"
              position={Position.Right}
              {...(handle === null ? {} : { id: handle })}
              data-testid={`handle-${blockId}-out-${handle ?? 'default'}`}
              title={`${handleLabel ?? 'Output'} branch of ${name}`}
              className={`${HANDLE_CLASSES} ${handleTone(tone).fill}`}
              style={{ top: '50%' }}
            />
            <AddAfterButton blockId={blockId} sourceHandle={handle} label={`Add a block after the ${handleLabel ?? 'output'} branch of ${name}`} />
          </div>
        ))}
      </div>
    );
  }
  if (handles.length === 0) return null;
  return (
    <>
      <Handle type="source" position={Position.Right} data-testid={`handle-${blockId}-out`} title={`Output of ${name}`} className={HANDLE_CLASSES} />
      <div className="absolute top-1/2 right-0 -translate-y-1/2">
        <AddAfterButton blockId={blockId} sourceHandle={handles[0].id} label={`Add a block after ${name}`} />
      </div>
    </>
  );
}

/**
 * "+" beside an output (n8n's): opens the palette, and the block picked there lands to the right, connected. Shown
 * while the output leads nowhere, else when the block is hovered or selected.
 */
function AddAfterButton({ blockId, sourceHandle, label }: { blockId: string; sourceHandle: string | null; label: string }) {
  const readOnly = useEditorStore((state) => state.readOnly);
  const connected = useEditorStore((state) => state.edges.some((edge) => edge.source === blockId && (edge.sourceHandle ?? null) === sourceHandle));
  const pending = useEditorStore((state) => state.insertAfter?.id === blockId && state.insertAfter.sourceHandle === sourceHandle);
  if (readOnly) return null;
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      data-testid={`add-after-${blockId}${sourceHandle ? `-${sourceHandle}` : ''}`}
      aria-pressed={pending}
      onClick={(event) => {
        event.stopPropagation();
        useEditorStore.getState().setInsertAfter(pending ? null : { id: blockId, sourceHandle });
      }}
      className={`nodrag nopan absolute top-1/2 -right-9 grid h-5 w-5 -translate-y-1/2 place-items-center rounded-full border border-zinc-300 bg-white text-zinc-600 shadow-sm hover:border-indigo-400 hover:text-indigo-600 focus-visible:opacity-100 focus-visible:outline-2 focus-visible:outline-indigo-500 aria-pressed:border-indigo-500 aria-pressed:bg-indigo-50 aria-pressed:text-indigo-700 dark:border-zinc-600 dark:bg-zinc-900 dark:text-zinc-300 ${
        connected && !pending ? 'opacity-0 group-focus-within:opacity-100 group-hover:opacity-100' : ''
      }`}
    >
      <Icon name="plus" className="h-3 w-3" />
    </button>
  );
}

function ProblemBadge({ blockId, count, text }: { blockId: string; count: number; text: string }) {
  return (
    <span
      data-testid={`block-${blockId}-problem`}
      title={text}
      className="absolute -top-2.5 -right-2.5 flex h-5 min-w-5 items-center justify-center gap-0.5 rounded-full bg-red-600 px-1 text-[10px] font-semibold text-white shadow ring-2 ring-white dark:ring-zinc-950"
    >
      <Icon name="alert" className="h-3 w-3" strokeWidth={2.5} />
      {count > 1 ? count : null}
      <span className="sr-only">{text}</span>
    </span>
  );
}

export const BlockNodeComponent = memo(BlockNodeView);
