import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@/server/api/root';

type Outputs = inferRouterOutputs<AppRouter>;

type ExecutionSearchResult = Outputs['executions']['search'];
export type ExecutionRow = ExecutionSearchResult['executions'][number];

/** `executions.get`: the execution, and (when the server sends it) the graph exactly as it ran. */
export type ExecutionDetail = Omit<Outputs['executions']['get'], 'graph'> & { graph?: RanGraph | null };
export type BlockLog = Outputs['executions']['logs']['block_logs'][number];
type BlockCatalog = Outputs['blocks']['catalog'];
export type CatalogBlock = BlockCatalog['blocks'][number];

export interface RanBlock {
  id: string;
  type: string;
  name?: string | null;
  config?: unknown;
  position?: { x: number; y: number };
}

interface RanEdge {
  id?: string;
  source: string;
  target: string;
  sourceHandle?: string | null;
  targetHandle?: string | null;
}

export interface RanGraph {
  blocks: RanBlock[];
  edges: RanEdge[];
}
