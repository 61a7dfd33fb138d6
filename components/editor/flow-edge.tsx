'use client';

import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import { takenHandles } from '@/lib/blocks/branches';
import { Icon } from '@/components/ui/icons';
import { useEditorStore, visibleRun, type EditorState } from './store';
import type { FlowEdge } from './types';

// Edges read how the current run treats them (taken, not taken, waiting) and whether a problem names them, each
// from the store by its own ids.

type EdgeRunState = 'idle' | 'waiting' | 'taken' | 'untaken';

function edgeRunState(state: EditorState, source: string, sourceHandle: string | null | undefined): EdgeRunState {
  const run = visibleRun(state);
  if (!run) return 'idle';
  const block = run.blocks[source];
  if (!block) return 'idle';
  if (block.status === 'pending' || block.status === 'running') return 'waiting';
  if (block.status !== 'success') return 'untaken';
  // A branching block (its catalog entry says how it picks) took only the handles its output names.
  const type = state.nodes.find((node) => node.id === source)?.data.type;
  const branch = type === undefined ? null : state.catalog.get(type)?.branch;
  if (!branch || sourceHandle == null) return 'taken';
  return takenHandles(branch, block.output).has(sourceHandle) ? 'taken' : 'untaken';
}

const STROKES: Record<EdgeRunState, { stroke: string; width: number; opacity: number; className: string }> = {
  idle: { stroke: 'var(--weft-edge)', width: 2, opacity: 1, className: '' },
  waiting: { stroke: 'var(--weft-edge)', width: 2, opacity: 0.6, className: '' },
  taken: { stroke: 'var(--weft-edge-taken)', width: 2.5, opacity: 1, className: 'weft-edge-flow' },
  untaken: { stroke: 'var(--weft-edge)', width: 1.5, opacity: 0.3, className: '' },
};

function FlowEdgeView({ id, source, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, sourceHandleId, selected }: EdgeProps<FlowEdge>) {
  const runState = useEditorStore((state) => edgeRunState(state, source, sourceHandleId));
  const problems = useEditorStore((state) => state.problemIndex.byEdge.get(id));
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const look = STROKES[runState];
  const stroke = problems?.length ? 'var(--weft-edge-problem)' : selected ? 'var(--weft-edge-selected)' : look.stroke;

  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        className={look.className}
        interactionWidth={18}
        style={{ stroke, strokeWidth: selected ? look.width + 1 : look.width, opacity: look.opacity }}
      />
      {problems && problems.length > 0 && (
        <EdgeLabelRenderer>
          <span
            data-testid={`edge-${id}-problem`}
            title={problems.map((problem) => problem.message).join('\n')}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            className="nodrag nopan pointer-events-auto absolute grid h-5 w-5 place-items-center rounded-full bg-red-600 text-white shadow ring-2 ring-white dark:ring-zinc-950"
          >
            <Icon name="alert" className="h-3 w-3" strokeWidth={2.5} />
            <span className="sr-only">{problems.map((problem) => problem.message).join('; ')}</span>
          </span>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

export const FlowEdgeComponent = memo(FlowEdgeView);
