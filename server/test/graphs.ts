import type { Block, Edge, Graph } from '@/lib/graph/schema';

/** Small builders for graphs in tests. */

export function block(id: string, type: string, config: Record<string, unknown> = {}): Block {
  return { id, type, config: config as Block['config'], position: { x: 0, y: 0 } };
}

export function edge(source: string, target: string, extra: Partial<Edge> = {}): Edge {
  return { source, target, ...extra };
}

export function graph(blocks: Block[], edges: Edge[]): Graph {
  return { blocks, edges };
}

export const inputBlock = (id = 'input', config: Record<string, unknown> = {}) => block(id, 'input', config);
export const outputBlock = (id = 'output', config: Record<string, unknown> = {}) => block(id, 'output', config);
export const llmBlock = (id: string, prompt = '{{input.text}}') => block(id, 'llm', { model: 'gpt-4o-mini', prompt });

/** `input -> <blocks in a chain> -> output` */
export function chain(...middle: Block[]): Graph {
  const blocks = [inputBlock(), ...middle, outputBlock()];
  const edges = blocks.slice(1).map((target, index) => edge(blocks[index].id, target.id));
  return graph(blocks, edges);
}
