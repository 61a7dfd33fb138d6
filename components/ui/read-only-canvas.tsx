'use client';

import { Handle, Position } from '@xyflow/react';
import type { BlockHandle } from '@/server/blocks/types';
import { handleTone } from './handle-tones';

// What the graphs one looks at but does not edit (an execution's, a saved version's) have in common.

/** React Flow settings for a canvas that shows a graph: nodes can be picked, not moved, wired or deleted. */
export const READ_ONLY_FLOW_PROPS = {
  nodesDraggable: false,
  nodesConnectable: false,
  elementsSelectable: true,
  deleteKeyCode: null,
  selectionKeyCode: null,
  multiSelectionKeyCode: null,
} as const;

/** A block's input handles on its left edge; `className` draws the dot. */
export function TargetHandles({ handles, className }: { handles: readonly BlockHandle[]; className: string }) {
  return handles.map(({ id: handle }) => (
    <Handle key={handle ?? 'in'} type="target" position={Position.Left} {...(handle === null ? {} : { id: handle })} isConnectable={false} className={className} />
  ));
}

/** A block's output handles on its right edge, spread evenly when there are several, each coloured by its tone. */
export function SourceHandles({ handles, className }: { handles: readonly BlockHandle[]; className: string }) {
  return handles.map(({ id: handle, tone }, index) => (
    <Handle
      key={handle ?? 'out'}
      type="source"
      position={Position.Right}
      {...(handle === null ? {} : { id: handle })}
      isConnectable={false}
      className={`${className} ${handleTone(tone).fill}`}
      style={handles.length > 1 ? { top: `${((index + 1) / (handles.length + 1)) * 100}%` } : undefined}
    />
  ));
}
