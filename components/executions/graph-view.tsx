'use client';

import dagre from '@dagrejs/dagre';
import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  type Edge,
  type Node,
  type NodeChange,
  type NodeMouseHandler,
  type NodeProps,
  type NodeTypes,
} from '@xyflow/react';
import { memo, useCallback, useMemo } from 'react';
import { BLOCK_STATUS_LABEL, type BlockStatus } from '@/components/run-events/block-statuses';
import { formatDuration } from './format';
import { useColorMode } from './hooks';
import { handlesOf, plainHandle } from '@/components/ui/handle-tones';
import { ReadOnlyCanvas, SourceHandles, TargetHandles } from '@/components/ui/read-only-canvas';
import { categoryTone, Icon } from '@/components/ui/icons';
import type { BlockHandle } from '@/server/blocks/types';
import type { RunModel } from './run-model';
import { BlockStatusIcon } from './status';
import type { CatalogBlock, RanGraph } from './types';

// The graph as it ran, read-only: every block coloured by what happened to it, clickable to select it. Nodes are
// memoised on what they show, so a running execution that moves on re-renders the blocks that changed only.

const NODE_WIDTH = 220;
const NODE_HEIGHT = 64;

interface ExecNodeData extends Record<string, unknown> {
  name: string;
  blockId: string;
  typeLabel: string;
  icon: string;
  category: string | undefined;
  status: BlockStatus;
  /** Shown once the block has finished (a running block's time moves on in the timeline instead). */
  duration: string | null;
  detail: string | null;
  sources: readonly BlockHandle[];
  targets: readonly BlockHandle[];
}

type ExecNode = Node<ExecNodeData, 'block'>;

const FRAME: Record<BlockStatus, string> = {
  success: 'border-emerald-500 ring-1 ring-emerald-500/40 dark:border-emerald-500/80',
  error: 'border-red-500 bg-red-50 ring-2 ring-red-500/40 dark:border-red-500/80 dark:bg-red-950/40',
  cancelled: 'border-amber-400 ring-1 ring-amber-400/40 dark:border-amber-500/70',
  running: 'border-indigo-500 ring-2 ring-indigo-500/30',
  skipped: 'border-dashed border-zinc-300 opacity-50 dark:border-zinc-700',
  pending: 'border-zinc-200 dark:border-zinc-700',
  not_reached: 'border-zinc-200 bg-zinc-50 opacity-70 dark:border-zinc-800 dark:bg-zinc-900/60',
};

const HANDLE = '!h-2 !w-2 !min-w-0 !border-0 !bg-zinc-300 dark:!bg-zinc-600';

function ExecNodeView({ data, selected }: NodeProps<ExecNode>) {
  const muted = data.status === 'not_reached' || data.status === 'pending' || data.status === 'skipped';
  return (
    <div
      data-testid={`graph-node-${data.blockId}`}
      data-status={data.status}
      className={`relative rounded-xl border bg-white text-left shadow-sm transition-shadow dark:bg-zinc-900 ${FRAME[data.status]} ${
        selected ? 'outline-2 outline-offset-2 outline-indigo-500' : 'hover:shadow-md'
      }`}
      style={{ width: NODE_WIDTH }}
    >
      {data.status === 'running' && (
        <span aria-hidden className="pointer-events-none absolute -inset-1.5 animate-pulse rounded-[16px] ring-4 ring-indigo-500/30 motion-reduce:animate-none" />
      )}
      <TargetHandles handles={data.targets} className={HANDLE} />
      <div className="flex items-center gap-2.5 px-3 py-2.5">
        <span className={`grid h-8 w-8 shrink-0 place-items-center rounded-lg ${muted ? 'bg-zinc-100 text-zinc-400 dark:bg-zinc-800 dark:text-zinc-500' : categoryTone(data.category).icon}`}>
          <Icon name={data.icon} className="shrink-0 h-4 w-4" />
        </span>
        <div className="min-w-0 flex-1">
          <p className={`truncate text-sm leading-5 font-semibold ${muted ? 'text-zinc-500 dark:text-zinc-400' : 'text-zinc-900 dark:text-zinc-100'}`}>{data.name}</p>
          <p className="truncate text-[11px] leading-4 text-zinc-500 dark:text-zinc-400">
            {data.status === 'error' && data.detail ? (
              <span className="text-red-700 dark:text-red-400">{data.detail}</span>
            ) : (
              <>
                {data.typeLabel}
                {data.duration ? ` · ${data.duration}` : data.status === 'running' ? ' · running…' : muted ? ` · ${BLOCK_STATUS_LABEL[data.status].toLowerCase()}` : ''}
              </>
            )}
          </p>
        </div>
        <BlockStatusIcon status={data.status} className="h-4 w-4" />
      </div>
      <SourceHandles handles={data.sources} className={HANDLE} />
    </div>
  );
}

function sameData(a: ExecNodeData, b: ExecNodeData): boolean {
  for (const key of Object.keys(a) as (keyof ExecNodeData)[]) {
    if (key === 'sources' || key === 'targets') {
      if (a[key].map(handleKey).join('\u0000') !== b[key].map(handleKey).join('\u0000')) return false;
    } else if (a[key] !== b[key]) return false;
  }
  return true;
}

function handleKey(handle: BlockHandle): string {
  return `${handle.id}:${handle.label}:${handle.tone}`;
}

/** The handles of one side of a block: its type's, plus any an edge names that the type lacks (an old graph). */
function handlesWithEdges(definition: CatalogBlock | undefined, side: 'source' | 'target', edgeHandles: readonly (string | null)[], config: Readonly<Record<string, unknown>>): BlockHandle[] {
  const handles = [...handlesOf(definition, side, config)];
  for (const id of edgeHandles) if (!handles.some((handle) => handle.id === id)) handles.push(plainHandle(id));
  return handles;
}

const ExecNodeComponent = memo(ExecNodeView, (previous, next) => previous.selected === next.selected && sameData(previous.data, next.data));

// Defined once at module level: a new object per render would remount every node.
const nodeTypes: NodeTypes = { block: ExecNodeComponent };
const MINIMAP_COLORS: Record<BlockStatus, string> = {
  success: '#10b981',
  error: '#ef4444',
  cancelled: '#f59e0b',
  running: '#6366f1',
  skipped: '#d4d4d8',
  pending: '#a1a1aa',
  not_reached: '#d4d4d8',
};

/** Positions from the graph, or a left-to-right layout when it has none worth using (a graph made by a script). */
function positions(graph: RanGraph): Map<string, { x: number; y: number }> {
  const stored = new Map(graph.blocks.map((block) => [block.id, block.position ?? { x: 0, y: 0 }]));
  const distinct = new Set([...stored.values()].map((p) => `${Math.round(p.x / 20)},${Math.round(p.y / 20)}`));
  if (graph.blocks.length <= 1 || distinct.size === graph.blocks.length) return stored;
  const layout = new dagre.graphlib.Graph({ multigraph: true });
  layout.setGraph({ rankdir: 'LR', nodesep: 40, ranksep: 80 });
  layout.setDefaultEdgeLabel(() => ({}));
  for (const block of graph.blocks) layout.setNode(block.id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  graph.edges.forEach((edge, index) => {
    if (layout.hasNode(edge.source) && layout.hasNode(edge.target)) layout.setEdge(edge.source, edge.target, {}, edge.id ?? String(index));
  });
  dagre.layout(layout);
  const placed = new Map<string, { x: number; y: number }>();
  for (const block of graph.blocks) {
    const node = layout.node(block.id);
    placed.set(block.id, node ? { x: node.x - NODE_WIDTH / 2, y: node.y - NODE_HEIGHT / 2 } : (block.position ?? { x: 0, y: 0 }));
  }
  return placed;
}

/** One node per block: where it sits, what it did, and the handles its type and edges need. */
function useExecNodes(
  graph: RanGraph,
  model: RunModel,
  catalog: Map<string, CatalogBlock>,
  placed: Map<string, { x: number; y: number }>,
  selectedId: string | null,
): ExecNode[] {
  return useMemo<ExecNode[]>(() => {
    return graph.blocks.map((block) => {
      const view = model.byId.get(block.id);
      const definition = catalog.get(block.type);
      const edgeSources = graph.edges.filter((edge) => edge.source === block.id).map((edge) => edge.sourceHandle ?? null);
      const edgeTargets = graph.edges.filter((edge) => edge.target === block.id).map((edge) => edge.targetHandle ?? null);
      const sources = handlesWithEdges(definition, 'source', edgeSources, (block.config ?? {}) as Record<string, unknown>);
      const targets = handlesWithEdges(definition, 'target', edgeTargets, (block.config ?? {}) as Record<string, unknown>);
      const status = view?.status ?? 'pending';
      const name = view?.name ?? block.name ?? block.id;
      return {
        id: block.id,
        type: 'block',
        position: placed.get(block.id) ?? { x: 0, y: 0 },
        selected: block.id === selectedId,
        draggable: false,
        connectable: false,
        ariaLabel: `${name}, ${definition?.label ?? block.type} block, ${BLOCK_STATUS_LABEL[status].toLowerCase()}`,
        data: {
          name,
          blockId: block.id,
          typeLabel: view?.typeLabel ?? definition?.label ?? block.type,
          icon: definition?.icon ?? 'box',
          category: definition?.category,
          status,
          duration: view && !view.running && view.durationMs !== null ? formatDuration(view.durationMs) : null,
          detail: view?.log?.error?.message ?? view?.live?.error?.message ?? null,
          sources,
          targets,
        },
      };
    });
  }, [graph, model, catalog, placed, selectedId]);
}

/** Edges the run went along are solid (red into a failure), the others dashed grey; a branch edge names its handle. */
function useExecEdges(graph: RanGraph, model: RunModel, catalog: Map<string, CatalogBlock>, colorMode: 'light' | 'dark'): Edge[] {
  return useMemo<Edge[]>(() => {
    const typeOf = new Map(graph.blocks.map((block) => [block.id, block.type]));
    const handleLabel = (source: string, handle: string) =>
      catalog.get(typeOf.get(source) ?? '')?.sourceHandles.find((candidate) => candidate.id === handle)?.label ?? handle;
    return graph.edges.map((edge, index) => {
      const source = model.byId.get(edge.source)?.status;
      const target = model.byId.get(edge.target)?.status;
      const sourceDone = source === 'success';
      const targetRan = target === 'success' || target === 'error' || target === 'running' || target === 'cancelled';
      const taken = sourceDone && targetRan;
      const color = taken ? (target === 'error' ? '#ef4444' : '#10b981') : colorMode === 'dark' ? '#52525b' : '#d4d4d8';
      return {
        id: edge.id ?? `edge-${index}-${edge.source}-${edge.target}`,
        source: edge.source,
        target: edge.target,
        ...(edge.sourceHandle ? { sourceHandle: edge.sourceHandle } : {}),
        ...(edge.targetHandle ? { targetHandle: edge.targetHandle } : {}),
        animated: target === 'running' && sourceDone,
        selectable: false,
        focusable: false,
        label: edge.sourceHandle ? handleLabel(edge.source, edge.sourceHandle) : undefined,
        labelStyle: { fontSize: 10, fill: colorMode === 'dark' ? '#a1a1aa' : '#52525b' },
        labelBgStyle: { fill: colorMode === 'dark' ? '#18181b' : '#ffffff' },
        style: { stroke: color, strokeWidth: taken ? 2 : 1.5, strokeDasharray: taken ? undefined : '5 5' },
      };
    });
  }, [graph, model, catalog, colorMode]);
}

export function GraphView({
  graph,
  model,
  catalog,
  selectedId,
  onSelect,
}: {
  graph: RanGraph;
  model: RunModel;
  catalog: Map<string, CatalogBlock>;
  selectedId: string | null;
  onSelect: (id: string) => void;
}) {
  const colorMode = useColorMode();
  const placed = useMemo(() => positions(graph), [graph]);

  const nodes = useExecNodes(graph, model, catalog, placed, selectedId);

  const edges = useExecEdges(graph, model, catalog, colorMode);

  const onNodeClick: NodeMouseHandler<ExecNode> = useCallback((_event, node) => onSelect(node.id), [onSelect]);
  // Enter or Space on a focused node selects it (React Flow's keyboard selection): follow it.
  const onNodesChange = useCallback(
    (changes: NodeChange<ExecNode>[]) => {
      for (const change of changes) if (change.type === 'select' && change.selected) onSelect(change.id);
    },
    [onSelect],
  );

  return (
    <ReadOnlyCanvas<ExecNode>
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      onNodeClick={onNodeClick}
      onNodesChange={onNodesChange}
      colorMode={colorMode}
      className="weft-execution-graph"
      minZoom={0.2}
      nodesFocusable
      edgesFocusable={false}
      selectNodesOnDrag={false}
      zoomOnDoubleClick={false}
      style={{ background: 'transparent' }}
    >
      <Background variant={BackgroundVariant.Dots} gap={16} size={1} color={colorMode === 'dark' ? '#3f3f46' : '#d4d4d8'} />
      <Controls showInteractive={false} position="bottom-left" />
      <MiniMap<ExecNode>
        pannable
        zoomable
        position="bottom-right"
        nodeColor={(node) => MINIMAP_COLORS[node.data.status]}
        maskColor={colorMode === 'dark' ? 'rgb(9 9 11 / 0.6)' : 'rgb(244 244 245 / 0.6)'}
        style={{ width: 140, height: 90 }}
        ariaLabel="Minimap of the graph"
      />
    </ReadOnlyCanvas>
  );
}
