import { summarize } from '@/lib/blocks/summary';
import { MAX_BLOCK_ID_LENGTH, blockIdFormatIssue } from '@/lib/graph/schema';
import { upstreamOfBlock } from '@/lib/graph/topology';
import type { BlockConfig, BlockNode, CatalogBlock, FlowEdge, Graph, GraphProblem, GraphSnapshot, WorkflowView } from './types';

// Pure graph helpers for the editor: conversions between the API's graph and React Flow's nodes and edges, ids,
// connection rules, renames and copies. No React here, so all of it is unit-tested in graph.test.ts.


export const NODE_WIDTH = 240;
export const NODE_HEIGHT = 76;
/** The frame of a container block (a loop) on the canvas; block-node.tsx draws it this size. */
const CONTAINER_SIZE = { width: 560, height: 300 };
/** Room for the container's own header above the blocks inside it. */
const CONTAINER_HEADER = 72;

type Placed = Pick<BlockNode, 'id' | 'data' | 'position' | 'parentId'>;

/** Where a node sits on the canvas: child nodes' positions are relative to their parent's. */
function absolutePosition(node: Placed, byId: ReadonlyMap<string, Placed>, depth = 0): { x: number; y: number } {
  const parent = node.parentId ? byId.get(node.parentId) : undefined;
  if (!parent || depth > byId.size) return node.position;
  const origin = absolutePosition(parent, byId, depth + 1);
  return { x: origin.x + node.position.x, y: origin.y + node.position.y };
}

/**
 * Which container (a loop) a block whose top-left corner is at `position` (canvas coordinates) lands in, and its
 * position relative to it; `parentId` undefined at the top level. The innermost container wins; a block never
 * lands in itself or in a container inside it.
 */
export function placementAt(nodes: readonly Placed[], catalog: ReadonlyMap<string, CatalogBlock>, position: { x: number; y: number }, movingId?: string) {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const center = { x: position.x + NODE_WIDTH / 2, y: position.y + NODE_HEIGHT / 2 };
  const insideMoving = (node: Placed): boolean => node.id === movingId || (node.parentId !== undefined && byId.has(node.parentId) && insideMoving(byId.get(node.parentId)!));
  let best: { id: string; origin: { x: number; y: number }; depth: number } | null = null;
  for (const node of nodes) {
    if (!catalog.get(node.data.type)?.container || insideMoving(node)) continue;
    const origin = absolutePosition(node, byId);
    const within = center.x >= origin.x && center.x <= origin.x + CONTAINER_SIZE.width && center.y >= origin.y && center.y <= origin.y + CONTAINER_SIZE.height;
    let depth = 0;
    for (let up = node.parentId; up; up = byId.get(up)?.parentId) depth++;
    if (within && (!best || depth > best.depth)) best = { id: node.id, origin, depth };
  }
  if (!best) return { parentId: undefined, position };
  const relative = { x: Math.max(16, position.x - best.origin.x), y: Math.max(CONTAINER_HEADER, position.y - best.origin.y) };
  return { parentId: best.id, position: relative };
}

/** The canvas position of a node, for moving it between containers. */
export function canvasPosition(nodes: readonly Placed[], id: string): { x: number; y: number } | null {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const node = byId.get(id);
  return node ? absolutePosition(node, byId) : null;
}

export function edgeIdFor(source: string, sourceHandle: string | null | undefined, target: string, targetHandle?: string | null): string {
  return ['e', source, sourceHandle ?? '', target, targetHandle ?? ''].join('_').replace(/_+$/, '');
}

/**
 * The workflow as stored → React Flow nodes and edges (edges without an id get a stable one). A block inside a
 * container (`parent_id`) becomes a React Flow child node (`parentId`, position relative to its parent), listed
 * after its parent as React Flow requires.
 */
export function toFlow(workflow: Pick<WorkflowView, 'blocks' | 'edges'>): GraphSnapshot {
  const depth = (block: { parent_id?: string | null }, seen = 0): number => {
    const parent = block.parent_id ? workflow.blocks.find((b) => b.id === block.parent_id) : undefined;
    return parent && seen < workflow.blocks.length ? 1 + depth(parent, seen + 1) : 0;
  };
  const ordered = workflow.blocks.map((block) => ({ block, depth: depth(block) })).sort((a, b) => a.depth - b.depth);
  const nodes: BlockNode[] = ordered.map(({ block }) => ({
    id: block.id,
    type: 'block',
    position: { x: block.position.x, y: block.position.y },
    data: { type: block.type, name: block.name ?? null, config: (block.config ?? {}) as BlockConfig },
    ...(block.parent_id ? { parentId: block.parent_id } : {}),
  }));
  const used = new Set<string>();
  const edges: FlowEdge[] = workflow.edges.map((edge) => {
    let id = edge.id ?? edgeIdFor(edge.source, edge.sourceHandle, edge.target, edge.targetHandle);
    while (used.has(id)) id = `${id}_`;
    used.add(id);
    return {
      id,
      type: 'flow',
      source: edge.source,
      target: edge.target,
      sourceHandle: edge.sourceHandle ?? null,
      targetHandle: edge.targetHandle ?? null,
    };
  });
  return { nodes, edges };
}

/** React Flow nodes and edges → the graph the API stores. UI state (selection, sizes) stays behind. */
export function toGraph({ nodes, edges }: GraphSnapshot): Graph {
  return {
    blocks: nodes.map((node) => ({
      id: node.id,
      type: node.data.type,
      name: node.data.name ?? null,
      config: node.data.config as Graph['blocks'][number]['config'],
      position: { x: Math.round(node.position.x), y: Math.round(node.position.y) },
      ...(node.parentId ? { parent_id: node.parentId } : {}),
    })),
    edges: edges.map((edge) => ({
      id: edge.id,
      source: edge.source,
      target: edge.target,
      sourceHandle: edge.sourceHandle ?? null,
      targetHandle: edge.targetHandle ?? null,
    })),
  };
}

/** `<type>_<n>` with the smallest n ≥ 1 that is free; ids must stay valid template identifiers. */
export function nextBlockId(type: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  let base = type.replace(/[^A-Za-z0-9_]/g, '_');
  if (!/^[A-Za-z_]/.test(base)) base = `b_${base}`;
  base = base.slice(0, MAX_BLOCK_ID_LENGTH - 6);
  for (let n = 1; ; n++) {
    const id = `${base}_${n}`;
    if (!used.has(id)) return id;
  }
}

/** What is wrong with a proposed block id, or null when it can be used. */
export function blockIdProblem(id: string, others: Iterable<string>): string | null {
  if (id === '') return 'An id is required';
  const issue = blockIdFormatIssue(id);
  if (issue === 'too_long') return `At most ${MAX_BLOCK_ID_LENGTH} characters`;
  if (issue === 'pattern') return 'Start with a letter or _, then letters, digits or _ only';
  if (issue === 'reserved') return `"${id}" is reserved; choose another id`;
  for (const other of others) if (other === id) return `Another block is already called "${id}"`;
  return null;
}

/** Every block upstream of `id` (transitively), not including itself. */
export function ancestorsOf(id: string, edges: readonly Pick<FlowEdge, 'source' | 'target'>[]): Set<string> {
  const blocks = [...new Set(edges.flatMap((edge) => [edge.source, edge.target]))].map((blockId) => ({ id: blockId }));
  return upstreamOfBlock({ blocks, edges }, id);
}

/** Whether `to` can reach `from` already, i.e. an edge from → to would close a loop. */
function wouldCreateCycle(from: string, to: string, edges: readonly Pick<FlowEdge, 'source' | 'target'>[]): boolean {
  if (from === to) return true;
  return ancestorsOf(from, edges).has(to);
}

export interface ConnectionLike {
  source: string | null;
  target: string | null;
  sourceHandle?: string | null;
  targetHandle?: string | null;
}

/** Why a connection may not be made, or null when it may. */
export function connectionProblem(
  connection: ConnectionLike,
  nodes: readonly Pick<BlockNode, 'id' | 'data' | 'parentId'>[],
  edges: readonly FlowEdge[],
  catalog: ReadonlyMap<string, CatalogBlock>,
): string | null {
  const { source, target } = connection;
  if (!source || !target) return 'Incomplete connection';
  if (source === target) return 'A block cannot connect to itself';
  const sourceNode = nodes.find((node) => node.id === source);
  const targetNode = nodes.find((node) => node.id === target);
  if (!sourceNode || !targetNode) return 'Unknown block';
  if ((sourceNode.parentId ?? null) !== (targetNode.parentId ?? null)) return 'Blocks connect only to blocks of the same loop (or both outside any)';
  const sourceType = catalog.get(sourceNode.data.type);
  const targetType = catalog.get(targetNode.data.type);
  if (sourceType && sourceType.sourceHandles.length === 0) return `${sourceType.label} blocks have no outputs`;
  if (targetType && targetType.targetHandles.length === 0) return `Nothing can connect into ${targetType.label.toLowerCase()} blocks`;
  const sourceHandle = connection.sourceHandle ?? null;
  if (edges.some((edge) => edge.source === source && (edge.sourceHandle ?? null) === sourceHandle && edge.target === target)) {
    return 'These blocks are already connected';
  }
  if (wouldCreateCycle(source, target, edges)) {
    return `Not connected: ${target} already leads to ${source}, so this edge would make a loop. Workflows run one way, left to right.`;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// Config paths ("retry.max_attempts")

export function getAtPath(config: BlockConfig, path: string): unknown {
  let current: unknown = config;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** A copy of `config` with `path` set; `undefined` removes the key, and parents left empty go too. */
export function setAtPath(config: BlockConfig, path: string, value: unknown): BlockConfig {
  const [key, ...rest] = path.split('.');
  const next: BlockConfig = { ...config };
  if (rest.length === 0) {
    if (value === undefined) delete next[key];
    else next[key] = value;
    return next;
  }
  const child = config[key];
  const childObject = child !== null && typeof child === 'object' && !Array.isArray(child) ? (child as BlockConfig) : {};
  const updated = setAtPath(childObject, rest.join('.'), value);
  if (Object.keys(updated).length === 0) delete next[key];
  else next[key] = updated;
  return next;
}

// ---------------------------------------------------------------------------------------------------------------
// Templates and renames

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Rewrites `{{old…}}` references to `{{new…}}` in every string of a JSON value. */
export function renameTemplateReferences(value: unknown, from: string, to: string): unknown {
  const pattern = new RegExp(`\\{\\{(\\s*)${escapeRegExp(from)}(?=[\\s.\\[}])`, 'g');
  const visit = (item: unknown): unknown => {
    if (typeof item === 'string') return item.replace(pattern, `{{$1${to}`);
    if (Array.isArray(item)) return item.map(visit);
    if (item !== null && typeof item === 'object') {
      return Object.fromEntries(Object.entries(item as Record<string, unknown>).map(([key, child]) => [key, visit(child)]));
    }
    return item;
  };
  return visit(value);
}

/** Rewrites a block id used as a variable in a script (code, condition): whole identifiers only, never `x.old`. */
export function renameScriptIdentifier(script: string, from: string, to: string): string {
  return script.replace(new RegExp(`(?<![\\w$.])${escapeRegExp(from)}(?![\\w$])`, 'g'), to);
}

/**
 * Renames a block: its node, the edges that touch it, `{{old.…}}` template references in every other block's
 * config and the variable named after it in scripts.
 */
export function renameBlock(snapshot: GraphSnapshot, from: string, to: string, catalog: ReadonlyMap<string, CatalogBlock>): GraphSnapshot {
  const nodes = snapshot.nodes.map((node) => {
    const renamed = node.id === from ? { ...node, id: to } : node;
    const config = renameTemplateReferences(renamed.data.config, from, to) as BlockConfig;
    const scriptField = catalog.get(node.data.type)?.script?.field;
    if (scriptField && typeof config[scriptField] === 'string' && node.id !== from) {
      config[scriptField] = renameScriptIdentifier(config[scriptField] as string, from, to);
    }
    const changed = JSON.stringify(config) !== JSON.stringify(node.data.config);
    return changed ? { ...renamed, data: { ...renamed.data, config } } : renamed;
  });
  const edges = snapshot.edges.map((edge) => {
    if (edge.source !== from && edge.target !== from) return edge;
    const source = edge.source === from ? to : edge.source;
    const target = edge.target === from ? to : edge.target;
    return { ...edge, id: edgeIdFor(source, edge.sourceHandle, target, edge.targetHandle), source, target };
  });
  return { nodes, edges };
}

// ---------------------------------------------------------------------------------------------------------------
// Copy and paste

export interface Clipboard {
  nodes: BlockNode[];
  edges: FlowEdge[];
}

/** The selected blocks and the edges between them. */
export function copySelection(snapshot: GraphSnapshot, selected: ReadonlySet<string>): Clipboard | null {
  const nodes = snapshot.nodes.filter((node) => selected.has(node.id));
  if (nodes.length === 0) return null;
  const edges = snapshot.edges.filter((edge) => selected.has(edge.source) && selected.has(edge.target));
  return { nodes: structuredClone(nodes), edges: structuredClone(edges) };
}

/**
 * Copies of the clipboard's blocks with fresh ids, shifted by `offset`; edges between them follow, and template
 * references from one copied block to another point at the copy.
 */
export function pasteClipboard(
  clipboard: Clipboard,
  takenIds: Iterable<string>,
  catalog: ReadonlyMap<string, CatalogBlock>,
  offset: { x: number; y: number },
): { nodes: BlockNode[]; edges: FlowEdge[] } {
  const taken = new Set(takenIds);
  const idMap = new Map<string, string>();
  for (const node of clipboard.nodes) {
    const id = nextBlockId(node.data.type, taken);
    taken.add(id);
    idMap.set(node.id, id);
  }
  let snapshot: GraphSnapshot = { nodes: clipboard.nodes, edges: clipboard.edges };
  // Rename one by one through temporary ids, so a → b and b → c never collide.
  const temporary = new Map<string, string>();
  for (const [from] of idMap) {
    const temp = `__paste_${temporary.size}_${Math.random().toString(36).slice(2, 8)}`;
    temporary.set(from, temp);
    snapshot = renameBlock(snapshot, from, temp, catalog);
  }
  for (const [from, temp] of temporary) snapshot = renameBlock(snapshot, temp, idMap.get(from)!, catalog);
  const nodes = snapshot.nodes.map((node) => ({
    ...node,
    selected: true,
    position: { x: node.position.x + offset.x, y: node.position.y + offset.y },
  }));
  const edges = snapshot.edges.map((edge) => ({ ...edge, selected: false }));
  return { nodes, edges };
}

// ---------------------------------------------------------------------------------------------------------------
// What the catalog says about a block: its summary, its output fields, its role

/** One line about what a block does, shown on its node, as its type's summary spec says. */
export function blockSummary(definition: Pick<CatalogBlock, 'summary'> | undefined, config: BlockConfig): string {
  return summarize(definition?.summary, config);
}

/**
 * The fields of a block's output worth suggesting after `{{block.`: from its last output, then the fields its type
 * declares (listed, or named by a config list such as the input block's fields).
 */
export function outputFields(definition: Pick<CatalogBlock, 'outputs'> | undefined, config: BlockConfig, lastOutput: unknown): string[] {
  const fields = new Set<string>();
  if (lastOutput !== null && typeof lastOutput === 'object' && !Array.isArray(lastOutput)) {
    for (const [key, value] of Object.entries(lastOutput)) {
      fields.add(key);
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
        for (const inner of Object.keys(value).slice(0, 10)) fields.add(`${key}.${inner}`);
      }
    }
  }
  const fromConfig = definition?.outputs.fieldsFromConfig;
  const named = fromConfig === undefined ? undefined : config[fromConfig];
  if (Array.isArray(named)) {
    for (const field of named as { name?: unknown }[]) if (typeof field?.name === 'string') fields.add(field.name);
  }
  for (const field of definition?.outputs.fields ?? []) fields.add(field);
  return [...fields];
}

/** The block the execution input enters through (its type's role is `entry`), if the graph has one. */
export function entryNode<T extends Pick<BlockNode, 'data'>>(nodes: readonly T[], catalog: ReadonlyMap<string, CatalogBlock>): T | undefined {
  return nodes.find((node) => catalog.get(node.data.type)?.role === 'entry');
}

// ---------------------------------------------------------------------------------------------------------------
// Problems

export interface ProblemIndex {
  byBlock: Map<string, GraphProblem[]>;
  byEdge: Map<string, GraphProblem[]>;
}

/** Problems grouped by the block and edge they are about; an edge is named by id or `source->target`. */
export function indexProblems(problems: readonly GraphProblem[], edges: readonly FlowEdge[]): ProblemIndex {
  const byBlock = new Map<string, GraphProblem[]>();
  const byEdge = new Map<string, GraphProblem[]>();
  const push = (map: Map<string, GraphProblem[]>, key: string, problem: GraphProblem) => {
    const list = map.get(key);
    if (list) list.push(problem);
    else map.set(key, [problem]);
  };
  for (const problem of problems) {
    if (problem.edge) {
      const edge = edges.find((candidate) => candidate.id === problem.edge || `${candidate.source}->${candidate.target}` === problem.edge);
      if (edge) push(byEdge, edge.id, problem);
    }
    if (problem.block_id) push(byBlock, problem.block_id, problem);
  }
  return { byBlock, byEdge };
}

/** `"config.retry.max_attempts"` → `"retry.max_attempts"`; null for problems not about a config field. */
export function problemConfigPath(problem: Pick<GraphProblem, 'field'>): string | null {
  return problem.field?.startsWith('config.') ? problem.field.slice('config.'.length) : null;
}
