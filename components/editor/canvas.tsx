'use client';

import {
  ReactFlow,
  SelectionMode,
  useReactFlow,
  type Connection,
  type Edge,
  type FinalConnectionState,
  type IsValidConnection,
  type NodeTypes,
  type EdgeTypes,
} from '@xyflow/react';
import { useCallback, useState, type DragEvent } from 'react';
import { BlockNodeComponent } from './block-node';
import { CanvasChrome, PRO_OPTIONS } from './canvas-chrome';
import { PALETTE_MIME } from './editor-context';
import { FlowEdgeComponent } from './flow-edge';
import { NODE_HEIGHT, NODE_WIDTH } from './graph';
import { categoryTone, Icon } from '@/components/ui/icons';
import { useEditorStore } from './store';
import { useKeepGraphInView } from './use-keep-graph-in-view';
import type { Theme } from '@/components/theme';
import type { BlockNode, FlowEdge } from './types';

// Defined once at module level: a new object per render would remount every node.
const nodeTypes: NodeTypes = { block: BlockNodeComponent };
const edgeTypes: EdgeTypes = { flow: FlowEdgeComponent };

const SNAP_GRID: [number, number] = [16, 16];
const FIT_VIEW_OPTIONS = { padding: 0.2, maxZoom: 1.1 };
const MINIMAP_STATUS_COLORS: Record<string, string> = {
  pending: '#a1a1aa',
  running: '#6366f1',
  success: '#10b981',
  error: '#ef4444',
  skipped: '#d4d4d8',
};
const MINIMAP_CATEGORY_COLORS: Record<string, string> = { io: '#0ea5e9', ai: '#8b5cf6', logic: '#f59e0b', integration: '#10b981' };

export function Canvas({ theme }: { theme: Theme }) {
  const nodes = useEditorStore((state) => state.nodes);
  const edges = useEditorStore((state) => state.edges);
  const readOnly = useEditorStore((state) => state.readOnly);
  const onNodesChange = useEditorStore((state) => state.onNodesChange);
  const onEdgesChange = useEditorStore((state) => state.onEdgesChange);
  const { screenToFlowPosition } = useReactFlow<BlockNode, FlowEdge>();
  // Fit the graph it opened with; an empty canvas stays put, so the first dropped block does not move the view.
  const [fitOnLoad] = useState(() => useEditorStore.getState().nodes.length > 0);
  useKeepGraphInView();

  const isValidConnection: IsValidConnection<FlowEdge> = useCallback(
    (connection: FlowEdge | Connection | Edge) => useEditorStore.getState().canConnect(connection) === null,
    [],
  );

  const onConnect = useCallback((connection: Connection) => useEditorStore.getState().connect(connection), []);

  const onConnectEnd = useCallback((_event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
    // Dropped on a handle that refused the edge: say why, instead of silently doing nothing.
    if (state.isValid === false && state.toHandle && state.fromHandle) {
      const from = state.fromHandle.type === 'source' ? state.fromHandle : state.toHandle;
      const to = state.fromHandle.type === 'source' ? state.toHandle : state.fromHandle;
      const problem = useEditorStore
        .getState()
        .canConnect({ source: from.nodeId, sourceHandle: from.id ?? null, target: to.nodeId, targetHandle: to.id ?? null });
      if (problem) useEditorStore.getState().notify(problem, 'error');
    }
  }, []);

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(PALETTE_MIME)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const type = event.dataTransfer.getData(PALETTE_MIME);
      if (!type) return;
      event.preventDefault();
      const point = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      const snap = (value: number) => Math.round(value / SNAP_GRID[0]) * SNAP_GRID[0];
      // The block lands centred on the cursor, the way it was held.
      useEditorStore.getState().addBlock(type, { x: snap(point.x - NODE_WIDTH / 2), y: snap(point.y - NODE_HEIGHT / 2) });
    },
    [screenToFlowPosition],
  );

  const beginDrag = useCallback(() => useEditorStore.getState().beginDrag(), []);
  const endDrag = useCallback(() => useEditorStore.getState().endDrag(), []);
  const endNodeDrag = useCallback((_event: unknown, node: BlockNode) => {
    useEditorStore.getState().endDrag();
    useEditorStore.getState().placeInContainer(node.id);
  }, []);

  const minimapColor = useCallback((node: BlockNode) => {
    const state = useEditorStore.getState();
    const status = state.run?.blocks[node.id]?.status;
    if (status) return MINIMAP_STATUS_COLORS[status];
    return MINIMAP_CATEGORY_COLORS[state.catalog.get(node.data.type)?.category ?? ''] ?? '#a1a1aa';
  }, []);

  return (
    <div className="relative h-full w-full" onDragOver={onDragOver} onDrop={onDrop} data-testid="editor-canvas">
      <ReactFlow<BlockNode, FlowEdge>
        className="weft-canvas"
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        isValidConnection={isValidConnection}
        onNodeDragStart={beginDrag}
        onNodeDragStop={endNodeDrag}
        onSelectionDragStart={beginDrag}
        onSelectionDragStop={endDrag}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        edgesReconnectable={false}
        elementsSelectable
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={['Shift', 'Meta', 'Control']}
        selectionMode={SelectionMode.Partial}
        snapToGrid
        snapGrid={SNAP_GRID}
        fitView={fitOnLoad}
        fitViewOptions={FIT_VIEW_OPTIONS}
        minZoom={0.1}
        maxZoom={2}
        colorMode={theme}
        onlyRenderVisibleElements={nodes.length > 150}
        proOptions={PRO_OPTIONS}
        connectionRadius={28}
        aria-label="Workflow canvas"
      >
        <CanvasChrome<BlockNode> theme={theme} showMiniMap={nodes.length > 0} nodeColor={minimapColor} />
      </ReactFlow>
      {nodes.length === 0 && <EmptyCanvasHint readOnly={readOnly} />}
    </div>
  );
}

function EmptyCanvasHint({ readOnly }: { readOnly: boolean }) {
  const tone = categoryTone('io');
  return (
    <div className="pointer-events-none absolute inset-0 grid place-items-center p-6">
      <div className="max-w-sm rounded-xl border border-dashed border-zinc-300 bg-white/80 px-6 py-8 text-center shadow-sm backdrop-blur dark:border-zinc-700 dark:bg-zinc-900/80">
        <span className={`mx-auto mb-3 grid h-10 w-10 place-items-center rounded-lg ${tone.icon}`} aria-hidden>
          <Icon name="log-in" className="h-5 w-5" />
        </span>
        <p className="text-sm font-medium text-zinc-900 dark:text-zinc-100">{readOnly ? 'This workflow is empty' : 'Start with an Input block'}</p>
        {!readOnly && (
          <p className="mt-1 text-sm text-zinc-500 dark:text-zinc-400">
            Drag blocks from the left onto the canvas, or click one to add it. Connect them by dragging from a block’s right handle to
            another block’s left handle.
          </p>
        )}
      </div>
    </div>
  );
}
