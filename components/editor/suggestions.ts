import { ancestorsOf, outputFields } from './graph';
import type { EditorState } from './store';

// What a field of a block may refer to: the blocks upstream of it, and the fields of their outputs as far as they are
// known (from the last run, or as the block type declares them).

export interface Suggestion {
  /** The reference as written inside `{{ }}` or in code: `code_1.score`. */
  ref: string;
  /** The block's display name and type, shown beside the reference. */
  detail: string;
  /** Whether this is a whole block (as opposed to one of its fields). */
  block: boolean;
}

export function suggestionsFor(state: Pick<EditorState, 'nodes' | 'edges' | 'catalog' | 'run'>, blockId: string): Suggestion[] {
  const upstream = ancestorsOf(blockId, state.edges);
  const suggestions: Suggestion[] = [];
  for (const node of state.nodes) {
    if (!upstream.has(node.id)) continue;
    const definition = state.catalog.get(node.data.type);
    const label = definition?.label ?? node.data.type;
    const detail = node.data.name ? `${node.data.name} · ${label}` : label;
    suggestions.push({ ref: node.id, detail, block: true });
    for (const field of outputFields(definition, node.data.config, state.run?.blocks[node.id]?.output)) {
      suggestions.push({ ref: `${node.id}.${field}`, detail, block: false });
    }
  }
  return suggestions;
}

/** Suggestions matching what was typed so far after `{{` (prefix first, then anywhere in the reference). */
export function filterSuggestions(suggestions: readonly Suggestion[], typed: string, limit = 50): Suggestion[] {
  const needle = typed.trim().toLowerCase();
  if (!needle) return suggestions.filter((suggestion) => suggestion.block || !suggestion.ref.slice(suggestion.ref.indexOf('.') + 1).includes('.')).slice(0, limit);
  const starts = suggestions.filter((suggestion) => suggestion.ref.toLowerCase().startsWith(needle));
  const contains = suggestions.filter((suggestion) => !suggestion.ref.toLowerCase().startsWith(needle) && suggestion.ref.toLowerCase().includes(needle));
  return [...starts, ...contains].slice(0, limit);
}

/** The reference being typed when the caret is inside an unfinished `{{ …`, or null. */
export function openTemplateBefore(textBeforeCaret: string): { typed: string; start: number } | null {
  const match = /\{\{\s*([A-Za-z0-9_.[\]"']*)$/.exec(textBeforeCaret);
  if (!match) return null;
  return { typed: match[1], start: textBeforeCaret.length - match[1].length };
}

/**
 * A `.` or `[` typed right after the closing braces of a reference (`{{code_1}}|` → `{{code_1}}.`) belongs inside
 * them: answers the value with it moved in (`{{code_1.}}`) and the caret after it, or null when that is not the case.
 */
export function keepPathInsideBraces(previous: string, next: string, caret: number): { value: string; caret: number } | null {
  if (next.length !== previous.length + 1 || caret < 1) return null;
  const typed = next[caret - 1];
  if ((typed !== '.' && typed !== '[') || next.slice(0, caret - 1) + next.slice(caret) !== previous) return null;
  const before = next.slice(0, caret - 1);
  const closed = /\{\{\s*[A-Za-z_][^{}]*?(\s*\}\})$/.exec(before);
  if (!closed) return null;
  const inside = before.slice(0, before.length - closed[1].length) + typed;
  return { value: inside + closed[1] + next.slice(caret), caret: inside.length };
}
