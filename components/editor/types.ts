import type { Edge, Node } from '@xyflow/react';
import type { FieldHint } from '@/server/blocks/types';
import type { GraphProblem } from '@/server/graph/problems';
import type { Block as GraphBlock, Edge as GraphEdge, Graph } from '@/lib/graph/schema';
import type { BlockCatalog } from '@/server/services/block-catalog';
import type { WorkflowView } from '@/server/services/workflow-schemas';

// The editor's own vocabulary. Server types come in with `import type` only: nothing of server/ runs in the browser.

export type Catalog = BlockCatalog;
export type CatalogBlock = BlockCatalog['blocks'][number];
export type { FieldHint, GraphBlock, GraphEdge, Graph, GraphProblem, WorkflowView };

export type BlockConfig = Record<string, unknown>;

/** What a canvas node carries: the block minus its id and position, which React Flow keeps on the node itself. */
interface BlockNodeData extends Record<string, unknown> {
  type: string;
  name: string | null;
  config: BlockConfig;
}

export type BlockNode = Node<BlockNodeData, 'block'>;
export type FlowEdge = Edge<Record<string, never>, 'flow'>;

/** The part of the editor's state that undo/redo restores and autosave stores. */
export interface GraphSnapshot {
  nodes: BlockNode[];
  edges: FlowEdge[];
}

export type { BlockRunState, BlockRunStatus,  RunState } from '@/components/run-events/run-state';

export type SaveStatus = 'idle' | 'saving' | 'saved' | 'error' | 'conflict';
