'use client';

import { Handle, Position, ReactFlow, type Edge, type Node, type NodeChange, type ReactFlowProps } from '@xyflow/react';
import { useCallback, useMemo, useState } from 'react';
import { PRO_OPTIONS } from '@/components/editor/canvas-chrome';
import type { BlockHandle } from '@/server/blocks/types';
import { handleTone } from './handle-tones';

// What the graphs one looks at but does not edit (an execution's, a saved version's) have in common.

/** React Flow settings for a canvas that shows a graph: nodes can be picked, not moved, wired or deleted. */
const READ_ONLY_FLOW_PROPS = {
  nodesDraggable: false,
  nodesConnectable: false,
  elementsSelectable: true,
  deleteKeyCode: null,
  selectionKeyCode: null,
  multiSelectionKeyCode: null,
} as const;

const FIT_VIEW_OPTIONS = { padding: 0.2, maxZoom: 1.1 };

type Size = { width: number; height: number };

/**
 * A React Flow canvas that shows a graph read-only, fitted to the view. Its nodes are controlled by the caller, so the
 * sizes React Flow measures come back through `onNodesChange`: they are kept here and put back on the nodes (the
 * minimap needs them). A caller's own `onNodesChange` still sees every change; its other props win over the defaults.
 */
export function ReadOnlyCanvas<N extends Node>({ nodes, onNodesChange, children, ...props }: ReactFlowProps<N, Edge> & { nodes: N[] }) {
  const [measured, setMeasured] = useState<Record<string, Size>>({});
  const sizedNodes = useMemo(() => nodes.map((node) => (measured[node.id] ? { ...node, measured: measured[node.id] } : node)), [nodes, measured]);
  const keepSizes = useCallback(
    (changes: NodeChange<N>[]) => {
      const sizes: Record<string, Size> = {};
      for (const change of changes) if (change.type === 'dimensions' && change.dimensions) sizes[change.id] = change.dimensions;
      if (Object.keys(sizes).length > 0) {
        setMeasured((current) => {
          const changed = Object.entries(sizes).some(([id, size]) => current[id]?.width !== size.width || current[id]?.height !== size.height);
          return changed ? { ...current, ...sizes } : current;
        });
      }
      onNodesChange?.(changes);
    },
    [onNodesChange],
  );
  return (
    <ReactFlow<N, Edge>
      {...READ_ONLY_FLOW_PROPS}
      fitView
      fitViewOptions={FIT_VIEW_OPTIONS}
      maxZoom={2}
      proOptions={PRO_OPTIONS}
      {...props}
      nodes={sizedNodes}
      onNodesChange={keepSizes}
    >
      {children}
    </ReactFlow>
  );
}

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
