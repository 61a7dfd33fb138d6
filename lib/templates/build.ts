import type { TemplateBlock, TemplateEdge } from './types';

// Small builders that keep the templates readable: blocks on a grid, edges with stable ids.

/** Horizontal distance between columns of blocks on the canvas, and vertical distance between branches. */
const COLUMN = 320;
const ROW = 160;

type InputField = { name: string; type: 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array'; description: string; required?: boolean; default?: unknown; enum?: unknown[] };

export function at(column: number, row = 0): TemplateBlock['position'] {
  return { x: column * COLUMN, y: row * ROW };
}

/** A block at a grid position; `inside` puts it in a loop (positions are then relative to the loop). */
export function block(id: string, type: string, name: string, config: Record<string, unknown>, position: TemplateBlock['position'], inside?: string): TemplateBlock {
  return { id, type, name, config: config as TemplateBlock['config'], position, ...(inside ? { parent_id: inside } : {}) };
}

export function edge(source: string, target: string, sourceHandle: string | null = null): TemplateEdge {
  return { id: `${source}-${sourceHandle ? `${sourceHandle}-` : ''}${target}`, source, target, sourceHandle };
}

/** Every template starts with an Input block (id `input`, first column) declaring the fields it expects. */
export function inputBlock(name: string, fields: InputField[]): TemplateBlock {
  return block('input', 'input', name, { fields: fields.map((field) => ({ required: false, ...field })) }, at(0));
}

export function outputBlock(id: string, name: string, value: unknown, position: TemplateBlock['position']): TemplateBlock {
  return block(id, 'output', name, { value }, position);
}

/** The model every template starts with; the editor's model picker changes it. */
export const MODEL = 'gpt-4o-mini';
