'use client';

import {
  Panel,
  ReactFlowProvider,
  useReactFlow,
  type Edge,
  type Node,
  type NodeMouseHandler,
  type NodeProps,
  type NodeTypes,
} from '@xyflow/react';
import { memo, useCallback, useEffect, useMemo } from 'react';
import { CanvasChrome } from '@/components/editor/canvas-chrome';
import { Alert } from '@/components/ui/alert';
import { Loading } from '@/components/ui/spinner';
import { errorMessage } from '@/components/ui/errors';
import { blockSummary } from '@/components/editor/graph';
import { handlesOf } from '@/components/ui/handle-tones';
import { ReadOnlyCanvas, SourceHandles, TargetHandles } from '@/components/ui/read-only-canvas';
import { categoryTone, Icon } from '@/components/ui/icons';
import { TruncatedText } from '@/components/ui/truncated-text';
import type { BlockHandle } from '@/server/blocks/types';
import { useEditorStore } from '@/components/editor/store';
import type { CatalogBlock, GraphBlock, GraphEdge } from '@/components/editor/types';
import type { Theme } from '@/components/theme';
import { edgeKey, type BlockChange, type EdgeChange, type GraphDiff } from './diff';
import { useVersionsStore, type VersionMode } from './store';
import { useVersionDiff } from './use-version';

// A version on the canvas, read-only: alone ("view"), or merged with the draft ("diff") so that added blocks are
// outlined green, changed ones amber, and removed ones drawn ghosted in red where they used to be; edges likewise.
// It has its own React Flow store, laid over the editor's canvas, so the draft underneath keeps its view and state.

interface VersionNodeData extends Record<string, unknown> {
  block: GraphBlock;
  change: BlockChange | null;
  typeLabel: string;
  icon: string;
  category: string | undefined;
  summary: string;
  sources: readonly BlockHandle[];
  targets: readonly BlockHandle[];
}

type VersionNode = Node<VersionNodeData, 'version'>;

export const CHANGE_LABEL: Record<BlockChange, string> = {
  added: 'Added',
  removed: 'Removed',
  changed: 'Changed',
  moved: 'Moved',
  unchanged: 'Unchanged',
};

/** Outline colours per change, shared with the legend and the side list. */
export const CHANGE_TONE: Record<BlockChange, { frame: string; dot: string; text: string }> = {
  added: { frame: 'border-emerald-500 ring-2 ring-emerald-500/40', dot: 'bg-emerald-500', text: 'text-emerald-700 dark:text-emerald-400' },
  removed: {
    frame: 'border-dashed border-red-400 bg-red-50/70 opacity-60 ring-2 ring-red-400/30 dark:border-red-500/70 dark:bg-red-950/30',
    dot: 'bg-red-500',
    text: 'text-red-700 dark:text-red-400',
  },
  changed: { frame: 'border-amber-500 ring-2 ring-amber-500/40', dot: 'bg-amber-500', text: 'text-amber-700 dark:text-amber-400' },
  moved: { frame: 'border-dashed border-zinc-400 dark:border-zinc-500', dot: 'bg-zinc-400', text: 'text-zinc-600 dark:text-zinc-400' },
  unchanged: { frame: 'border-zinc-200 dark:border-zinc-700/80', dot: 'bg-zinc-300 dark:bg-zinc-600', text: 'text-zinc-500' },
};

const CHANGE_MARK: Partial<Record<BlockChange, string>> = { added: '+', removed: '−', changed: '•' };

const EDGE_STYLE: Record<EdgeChange, { stroke: string; strokeWidth: number; strokeDasharray?: string; opacity?: number }> = {
  added: { stroke: '#10b981', strokeWidth: 2.5 },
  removed: { stroke: '#ef4444', strokeWidth: 2, strokeDasharray: '6 4', opacity: 0.75 },
  unchanged: { stroke: 'var(--weft-edge)', strokeWidth: 2 },
};

const HANDLE = '!h-2.5 !w-2.5 !min-w-0 !border-2 !border-white !bg-zinc-400 dark:!border-zinc-900 dark:!bg-zinc-500';

function VersionNodeView({ data, selected }: NodeProps<VersionNode>) {
  const { block, change } = data;
  const name = block.name || block.id;
  const tone = CHANGE_TONE[change ?? 'unchanged'];
  const mark = change ? CHANGE_MARK[change] : undefined;
  const { summary } = data;
  return (
    <div
      data-testid={`version-block-${block.id}`}
      data-change={change ?? undefined}
      aria-label={`${data.typeLabel} block ${name}${change && change !== 'unchanged' ? `, ${CHANGE_LABEL[change].toLowerCase()}` : ''}`}
      className={`relative w-60 rounded-xl border bg-white text-left shadow-sm dark:bg-zinc-900 ${tone.frame} ${selected ? 'outline-2 outline-offset-2 outline-indigo-500' : ''}`}
    >
      <TargetHandles handles={data.targets} className={HANDLE} />
      <div className="flex items-center gap-2.5 px-3 pt-2.5 pb-2">
        <span className={`grid h-8 w-8 shrink-0 place-items-center rounded-lg ${categoryTone(data.category).icon}`}>
          <Icon name={data.icon} className="h-4 w-4" />
        </span>
        <div className="min-w-0 flex-1">
          <TruncatedText as="p" className={`text-sm leading-5 font-semibold text-zinc-900 dark:text-zinc-100 ${change === 'removed' ? 'line-through' : ''}`}>
            {name}
          </TruncatedText>
          <p className="truncate text-[11px] leading-4 text-zinc-500 dark:text-zinc-400">
            {data.typeLabel}
            {block.name ? <span className="font-mono"> · {block.id}</span> : null}
          </p>
        </div>
      </div>
      {summary && (
        <div className="border-t border-zinc-100 px-3 py-1.5 dark:border-zinc-800">
          <TruncatedText as="p" className="font-mono text-[11px] text-zinc-500 dark:text-zinc-400">
            {summary}
          </TruncatedText>
        </div>
      )}
      <SourceHandles handles={data.sources} className={HANDLE} />
      {mark && (
        <span
          aria-hidden
          title={CHANGE_LABEL[change!]}
          className={`absolute -top-2.5 -right-2.5 grid h-5 w-5 place-items-center rounded-full text-xs font-bold text-white shadow ring-2 ring-white dark:ring-zinc-950 ${tone.dot}`}
        >
          {mark}
        </span>
      )}
    </div>
  );
}

const nodeTypes: NodeTypes = { version: memo(VersionNodeView) };

function toNode(block: GraphBlock, change: BlockChange | null, catalog: ReadonlyMap<string, CatalogBlock>): VersionNode {
  const definition = catalog.get(block.type);
  return {
    id: block.id,
    type: 'version',
    position: { x: block.position.x, y: block.position.y },
    draggable: false,
    connectable: false,
    // Removed blocks sit under the draft's blocks where they overlap.
    zIndex: change === 'removed' ? 0 : 1,
    data: {
      block,
      change,
      typeLabel: definition?.label ?? block.type,
      icon: definition?.icon ?? 'box',
      category: definition?.category,
      summary: blockSummary(definition, block.config),
      sources: handlesOf(definition, 'source', block.config),
      targets: handlesOf(definition, 'target'),
    },
  };
}

function toEdge(edge: GraphEdge, change: EdgeChange | null): Edge {
  const key = edgeKey(edge);
  return {
    id: `${change ?? 'edge'}:${key}`,
    source: edge.source,
    target: edge.target,
    sourceHandle: edge.sourceHandle ?? null,
    targetHandle: edge.targetHandle ?? null,
    selectable: false,
    focusable: false,
    style: EDGE_STYLE[change ?? 'unchanged'],
    ariaLabel: `Edge ${key}${change && change !== 'unchanged' ? `, ${change}` : ''}`,
    zIndex: change === 'removed' ? 0 : 1,
  };
}

/** The nodes and edges of a version alone, or of the version merged with the draft. */
function flowOf(
  version: { blocks: readonly GraphBlock[]; edges: readonly GraphEdge[] },
  diff: GraphDiff | null,
  catalog: ReadonlyMap<string, CatalogBlock>,
): { nodes: VersionNode[]; edges: Edge[] } {
  if (!diff) return { nodes: version.blocks.map((block) => toNode(block, null, catalog)), edges: version.edges.map((edge) => toEdge(edge, null)) };
  const nodes = diff.blocks.map((entry) => toNode(entry.change === 'removed' ? entry.before! : entry.after!, entry.change, catalog));
  const seen = new Set<string>();
  const edges = diff.edges.map((entry) => {
    const flowEdge = toEdge(entry.edge, entry.change);
    while (seen.has(flowEdge.id)) flowEdge.id = `${flowEdge.id}'`;
    seen.add(flowEdge.id);
    return flowEdge;
  });
  return { nodes, edges };
}

export function VersionCanvas({ workflowId, version, mode, theme }: { workflowId: string; version: number; mode: VersionMode; theme: Theme }) {
  const { query, diff } = useVersionDiff(workflowId, version);
  return (
    <div
      className="absolute inset-0 z-10 bg-zinc-50 dark:bg-zinc-950"
      data-testid="version-canvas"
      data-version={version}
      data-mode={mode}
      aria-label={mode === 'diff' ? `Version ${version} compared with the draft` : `Version ${version}, read-only`}
      role="region"
    >
      {query.isPending ? (
        <div className="grid h-full place-items-center">
          <Loading label={`Loading version ${version}…`} />
        </div>
      ) : query.isError ? (
        <div className="grid h-full place-items-center p-6">
          <Alert tone="error" title={`Version ${version} could not be loaded`}>
            {errorMessage(query.error)}
          </Alert>
        </div>
      ) : (
        <ReactFlowProvider>
          <VersionFlow version={query.data} diff={mode === 'diff' ? diff : null} theme={theme} />
        </ReactFlowProvider>
      )}
    </div>
  );
}

function VersionFlow({ version, diff, theme }: { version: { blocks: GraphBlock[]; edges: GraphEdge[] }; diff: GraphDiff | null; theme: Theme }) {
  const catalog = useEditorStore((state) => state.catalog);
  const flow = useMemo(() => flowOf(version, diff, catalog), [version, diff, catalog]);
  // The blocks come from the version (and the draft), the selection from the focus.
  const onNodeClick: NodeMouseHandler<VersionNode> = useCallback((_event, node) => useVersionsStore.getState().focusBlock(node.id, { reveal: false }), []);
  const onPaneClick = useCallback(() => useVersionsStore.getState().focusBlock(null), []);
  const focus = useVersionsStore((state) => state.focus);
  const focusedId = focus?.id ?? null;
  const nodes = useMemo(
    () => flow.nodes.map((node) => (Boolean(node.selected) === (node.id === focusedId) ? node : { ...node, selected: node.id === focusedId })),
    [flow.nodes, focusedId],
  );
  const { fitView } = useReactFlow<VersionNode, Edge>();

  useEffect(() => {
    if (focus?.reveal) void fitView({ nodes: [{ id: focus.id }], duration: 300, maxZoom: 1.2, padding: 0.6 });
  }, [focus, fitView]);

  const minimapColor = useCallback((node: VersionNode) => {
    switch (node.data.change) {
      case 'added':
        return '#10b981';
      case 'removed':
        return '#fca5a5';
      case 'changed':
        return '#f59e0b';
      default:
        return '#a1a1aa';
    }
  }, []);

  return (
    <ReadOnlyCanvas<VersionNode>
      nodes={nodes}
      edges={flow.edges}
      nodeTypes={nodeTypes}
      onNodeClick={onNodeClick}
      onPaneClick={onPaneClick}
      edgesReconnectable={false}
      minZoom={0.1}
      colorMode={theme}
      aria-label={diff ? 'Version compared with the draft' : 'Version canvas (read-only)'}
    >
      <CanvasChrome<VersionNode> theme={theme} showMiniMap={nodes.length > 0} nodeColor={minimapColor} />
      {diff && (
        <Panel position="top-left">
          <DiffLegend diff={diff} />
        </Panel>
      )}
      {nodes.length === 0 && (
        <Panel position="top-center">
          <p className="rounded-md bg-white/90 px-3 py-1.5 text-sm text-zinc-500 shadow-sm dark:bg-zinc-900/90">This version has no blocks.</p>
        </Panel>
      )}
    </ReadOnlyCanvas>
  );
}

function DiffLegend({ diff }: { diff: GraphDiff }) {
  const { summary } = diff;
  const items: { change: BlockChange; count: number }[] = [
    { change: 'added', count: summary.added },
    { change: 'removed', count: summary.removed },
    { change: 'changed', count: summary.changed },
    { change: 'moved', count: summary.moved },
  ];
  return (
    <div
      data-testid="diff-legend"
      role="group"
      aria-label="Legend"
      className="space-y-1.5 rounded-lg border border-zinc-200 bg-white/95 px-3 py-2 text-xs shadow-sm backdrop-blur dark:border-zinc-700 dark:bg-zinc-900/95"
    >
      <ul className="flex flex-wrap items-center gap-x-3 gap-y-1">
        {items.map(({ change, count }) => (
          <li key={change} className="inline-flex items-center gap-1.5" data-testid={`legend-${change}`} data-count={count}>
            <span aria-hidden className={`h-2.5 w-2.5 rounded-full ${CHANGE_TONE[change].dot}`} />
            <span className="text-zinc-700 dark:text-zinc-300">
              {CHANGE_LABEL[change]} <span className="font-semibold tabular-nums">{count}</span>
            </span>
          </li>
        ))}
      </ul>
      <p className="flex items-center gap-3 text-zinc-500 dark:text-zinc-400">
        <span className="inline-flex items-center gap-1.5">
          <svg aria-hidden width="22" height="6">
            <line x1="0" y1="3" x2="22" y2="3" stroke="#10b981" strokeWidth="2.5" />
          </svg>
          edges added {summary.edgesAdded}
        </span>
        <span className="inline-flex items-center gap-1.5">
          <svg aria-hidden width="22" height="6">
            <line x1="0" y1="3" x2="22" y2="3" stroke="#ef4444" strokeWidth="2" strokeDasharray="6 4" />
          </svg>
          removed {summary.edgesRemoved}
        </span>
      </p>
      {diff.sameGraph && <p className="font-medium text-zinc-600 dark:text-zinc-300">{summary.moved > 0 ? 'Only positions differ.' : 'The draft is the same as this version.'}</p>}
    </div>
  );
}
