import type { GraphBlock, GraphEdge } from '@/components/editor/types';

// What changed between a deployed version (the base) and the draft: blocks added, removed, changed (config, name or
// type) or only moved, edges added or removed, and for each changed block the config fields that differ. Pure, so
// the canvas highlighting and the side list read the same answer, and diff.test.ts pins it down.

export type BlockChange = 'added' | 'removed' | 'changed' | 'moved' | 'unchanged';
export type EdgeChange = 'added' | 'removed' | 'unchanged';

export interface DiffGraph {
  blocks: readonly GraphBlock[];
  edges: readonly GraphEdge[];
}

export interface FieldChange {
  /** Where in the block: `name`, `type`, `config.code`, `config.fields[0].name`, `config.headers["x-api-key"]`. */
  path: string;
  kind: 'added' | 'removed' | 'changed';
  /** The value in the version; undefined when the field was added. */
  before: unknown;
  /** The value in the draft; undefined when the field was removed. */
  after: unknown;
}

export interface BlockDiff {
  id: string;
  change: BlockChange;
  /** The block in the version (null when added). */
  before: GraphBlock | null;
  /** The block in the draft (null when removed). */
  after: GraphBlock | null;
  /** Differences of name, type and config, in that order (never position). */
  fields: FieldChange[];
  /** Its position changed (also true for a changed block that moved). */
  moved: boolean;
}

export interface EdgeDiff {
  /** The edge's identity across graphs: its ends and handles, not its id. */
  key: string;
  change: EdgeChange;
  edge: GraphEdge;
}

interface DiffSummary {
  added: number;
  removed: number;
  changed: number;
  moved: number;
  unchanged: number;
  edgesAdded: number;
  edgesRemoved: number;
}

export interface GraphDiff {
  /** The draft's blocks in the draft's order, then the removed ones in the version's order. */
  blocks: BlockDiff[];
  /** The draft's edges, then the removed ones. */
  edges: EdgeDiff[];
  summary: DiffSummary;
  /** Nothing differs but, possibly, positions. */
  sameGraph: boolean;
}

type Json = unknown;

function isPlainObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deep equality of JSON values; object key order does not matter and a key set to undefined counts as absent. */
export function jsonEqual(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, index) => jsonEqual(item, b[index]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) if (!jsonEqual(a[key], b[key])) return false;
    return true;
  }
  return false;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function childPath(parent: string, key: string): string {
  return IDENTIFIER.test(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`;
}

/** The leaf-most differences between two JSON values, as paths below `path`. */
export function valueChanges(before: Json, after: Json, path: string): FieldChange[] {
  const out: FieldChange[] = [];
  const walk = (a: Json, b: Json, at: string) => {
    if (jsonEqual(a, b)) return;
    if (isPlainObject(a) && isPlainObject(b)) {
      const keys = [...Object.keys(a), ...Object.keys(b).filter((key) => !(key in a))];
      for (const key of keys) walk(a[key], b[key], childPath(at, key));
      return;
    }
    if (Array.isArray(a) && Array.isArray(b)) {
      for (let index = 0; index < Math.max(a.length, b.length); index++) walk(a[index], b[index], `${at}[${index}]`);
      return;
    }
    out.push({ path: at, kind: a === undefined ? 'added' : b === undefined ? 'removed' : 'changed', before: a, after: b });
  };
  walk(before, after, path);
  return out;
}

function displayName(block: GraphBlock): string | null {
  return block.name && block.name.trim() !== '' ? block.name : null;
}

function samePosition(a: GraphBlock, b: GraphBlock): boolean {
  return Math.round(a.position.x) === Math.round(b.position.x) && Math.round(a.position.y) === Math.round(b.position.y);
}

/** The differences of one block present in both graphs (position aside). */
function blockFieldChanges(before: GraphBlock, after: GraphBlock): FieldChange[] {
  const changes: FieldChange[] = [];
  const nameBefore = displayName(before);
  const nameAfter = displayName(after);
  if (nameBefore !== nameAfter) {
    changes.push({ path: 'name', kind: nameBefore === null ? 'added' : nameAfter === null ? 'removed' : 'changed', before: nameBefore ?? undefined, after: nameAfter ?? undefined });
  }
  if (before.type !== after.type) changes.push({ path: 'type', kind: 'changed', before: before.type, after: after.type });
  changes.push(...valueChanges(before.config ?? {}, after.config ?? {}, 'config'));
  return changes;
}

/** How an edge is recognised in both graphs: `source[:handle] -> target[:handle]`. */
export function edgeKey(edge: Pick<GraphEdge, 'source' | 'target' | 'sourceHandle' | 'targetHandle'>): string {
  const end = (block: string, handle: string | null | undefined) => (handle ? `${block}:${handle}` : block);
  return `${end(edge.source, edge.sourceHandle)} -> ${end(edge.target, edge.targetHandle)}`;
}

/** Compares a version (`base`) with the draft (`draft`). */
export function diffGraphs(base: DiffGraph, draft: DiffGraph): GraphDiff {
  const baseBlocks = new Map(base.blocks.map((block) => [block.id, block]));
  const draftIds = new Set(draft.blocks.map((block) => block.id));
  const blocks: BlockDiff[] = [];

  for (const after of draft.blocks) {
    const before = baseBlocks.get(after.id);
    if (!before) {
      blocks.push({ id: after.id, change: 'added', before: null, after, fields: [], moved: false });
      continue;
    }
    const fields = blockFieldChanges(before, after);
    const moved = !samePosition(before, after);
    blocks.push({ id: after.id, change: fields.length > 0 ? 'changed' : moved ? 'moved' : 'unchanged', before, after, fields, moved });
  }
  for (const before of base.blocks) {
    if (!draftIds.has(before.id)) blocks.push({ id: before.id, change: 'removed', before, after: null, fields: [], moved: false });
  }

  // Edges are matched by their ends, counting duplicates, so an edge that only got a new id is unchanged.
  const remaining = new Map<string, number>();
  for (const edge of base.edges) remaining.set(edgeKey(edge), (remaining.get(edgeKey(edge)) ?? 0) + 1);
  const edges: EdgeDiff[] = [];
  for (const edge of draft.edges) {
    const key = edgeKey(edge);
    const left = remaining.get(key) ?? 0;
    if (left > 0) remaining.set(key, left - 1);
    edges.push({ key, change: left > 0 ? 'unchanged' : 'added', edge });
  }
  for (const edge of base.edges) {
    const key = edgeKey(edge);
    const left = remaining.get(key) ?? 0;
    if (left === 0) continue;
    remaining.set(key, left - 1);
    edges.push({ key, change: 'removed', edge });
  }

  const count = (change: BlockChange) => blocks.filter((block) => block.change === change).length;
  const summary: DiffSummary = {
    added: count('added'),
    removed: count('removed'),
    changed: count('changed'),
    moved: count('moved'),
    unchanged: count('unchanged'),
    edgesAdded: edges.filter((edge) => edge.change === 'added').length,
    edgesRemoved: edges.filter((edge) => edge.change === 'removed').length,
  };
  return {
    blocks,
    edges,
    summary,
    sameGraph: summary.added + summary.removed + summary.changed + summary.edgesAdded + summary.edgesRemoved === 0,
  };
}

/** A value on one line for the side list: JSON (strings quoted, newlines as \n), cut at `max` characters. */
export function previewValue(value: unknown, max = 60): string {
  if (value === undefined) return '(not set)';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > max ? `${text.slice(0, Math.max(1, max - 1))}…` : text;
}

/** The diff in one line: "2 added · 1 changed · edges +1 −0", or that nothing (but maybe positions) differs. */
export function describeDiff({ sameGraph, summary }: GraphDiff): string {
  if (sameGraph) {
    return summary.moved > 0 ? `Same blocks, settings and edges; ${summary.moved} block${summary.moved === 1 ? '' : 's'} moved.` : 'The draft is the same as this version.';
  }
  return [
    summary.added && `${summary.added} added`,
    summary.removed && `${summary.removed} removed`,
    summary.changed && `${summary.changed} changed`,
    summary.moved && `${summary.moved} moved`,
    (summary.edgesAdded || summary.edgesRemoved) && `edges +${summary.edgesAdded} −${summary.edgesRemoved}`,
  ]
    .filter(Boolean)
    .join(' · ');
}
