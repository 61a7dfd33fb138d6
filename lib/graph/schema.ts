import { z } from 'zod';

/**
 * The structural schemas of a workflow graph: the shape only. A body that does not fit them is a
 * `validation_error`. Everything about what the graph means (block id format, known block types, each type's
 * config, edges, cycles, templates) is checked by `validateGraph`, which reports all of it at once as
 * `invalid_graph` problems. Unknown keys are dropped (React Flow nodes carry extra UI state).
 */

export const MAX_BLOCKS = 1_000;
export const MAX_EDGES = 5_000;

/** Block ids: how templates and code refer to a block. Checked by the validator, not by `blockSchema`. */
const BLOCK_ID_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;
export const MAX_BLOCK_ID_LENGTH = 64;
/** Names every JavaScript object already has: outputs stored under them would vanish into the prototype chain. */
export const RESERVED_BLOCK_IDS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** What is wrong with the form of a block id, or null; the validator and the editor word it each their way. */
export function blockIdFormatIssue(id: string): 'too_long' | 'pattern' | 'reserved' | null {
  if (id.length > MAX_BLOCK_ID_LENGTH) return 'too_long';
  if (!BLOCK_ID_PATTERN.test(id)) return 'pattern';
  return RESERVED_BLOCK_IDS.has(id) ? 'reserved' : null;
}

const positionSchema = z.object({ x: z.number(), y: z.number() });

/** A block's config: any JSON object; its type's config schema is applied by the validator. */
const blockConfigSchema = z.record(z.string(), z.json());

export const blockSchema = z.object({
  id: z.string().min(1),
  type: z.string().min(1),
  /** Display label; the id is used when absent. */
  name: z.string().max(200).nullish(),
  config: blockConfigSchema,
  position: positionSchema,
  /** The container block (a loop) this block sits inside; its edges connect only to blocks of the same parent. */
  parent_id: z.string().min(1).nullish(),
});

export const edgeSchema = z.object({
  id: z.string().min(1).optional(),
  source: z.string().min(1),
  target: z.string().min(1),
  /** `"true"`/`"false"` on edges leaving a condition block; `null` or absent on every other edge. */
  sourceHandle: z.string().nullish(),
  targetHandle: z.string().nullish(),
});

export const graphSchema = z.object({
  blocks: z.array(blockSchema).max(MAX_BLOCKS),
  edges: z.array(edgeSchema).max(MAX_EDGES),
});

export type Block = z.infer<typeof blockSchema>;
export type Edge = z.infer<typeof edgeSchema>;
export type Graph = z.infer<typeof graphSchema>;

/** How problems and messages name an edge: its id, or `"source->target"` when it has none. */
export function edgeLabel(edge: Pick<Edge, 'id' | 'source' | 'target'>): string {
  return edge.id ?? `${edge.source}->${edge.target}`;
}
