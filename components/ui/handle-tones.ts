import { configHandleIds, type HandlesFromConfig } from '@/lib/blocks/handles';
import type { BlockHandle, HandleTone } from '@/server/blocks/types';

// How a block's handles look wherever a graph is drawn (editor, history, versions): the catalog gives each handle
// a tone, this maps tones to classes. Written out in full so Tailwind finds them.

const TONES: Record<HandleTone, { label: string; fill: string }> = {
  neutral: { label: 'text-zinc-500 dark:text-zinc-400', fill: '' },
  success: { label: 'text-emerald-700 dark:text-emerald-400', fill: '!bg-emerald-500' },
  danger: { label: 'text-rose-700 dark:text-rose-400', fill: '!bg-rose-500' },
  warning: { label: 'text-amber-700 dark:text-amber-400', fill: '!bg-amber-500' },
  info: { label: 'text-sky-700 dark:text-sky-400', fill: '!bg-sky-500' },
};

/** `label`: classes for the handle's label text; `fill`: classes added to the handle's dot. */
export function handleTone(tone: HandleTone): { label: string; fill: string } {
  return TONES[tone];
}

/** A handle no catalog entry describes: an unknown block type's, or one an edge names that the type lacks. */
export function plainHandle(id: string | null): BlockHandle {
  return { id, label: id, tone: 'neutral' };
}

interface HandleSpecs {
  sourceHandles: readonly BlockHandle[];
  targetHandles: readonly BlockHandle[];
  sourceHandlesFrom: HandlesFromConfig | null;
}

/**
 * The handles of one side of a block (source ones named by its config first, a router's routes), or a single
 * plain one when its type is unknown.
 */
export function handlesOf(definition: HandleSpecs | undefined, side: 'source' | 'target', config: Readonly<Record<string, unknown>> = {}): readonly BlockHandle[] {
  if (!definition) return [plainHandle(null)];
  if (side === 'target') return definition.targetHandles;
  return [...configHandleIds(definition.sourceHandlesFrom, config).map(plainHandle), ...definition.sourceHandles];
}
