import type { z } from 'zod';
import { agentBlock } from './agent';
import { approvalBlock } from './approval';
import { codeBlock } from './code';
import { conditionBlock } from './condition';
import { httpBlock } from './http';
import { inputBlock } from './input';
import { llmBlock } from './llm';
import { loopBlock } from './loop';
import { outputBlock } from './output';
import { routerBlock } from './router';
import type { AnyBlockDefinition } from './types';
import { waitBlock } from './wait';
import { workflowBlock } from './workflow';

/** Every block type, in palette order. A new block type is one file and one line here. */
const definitions = [
  inputBlock,
  outputBlock,
  llmBlock,
  agentBlock,
  codeBlock,
  conditionBlock,
  httpBlock,
  routerBlock,
  loopBlock,
  workflowBlock,
  waitBlock,
  approvalBlock,
] as const satisfies readonly AnyBlockDefinition[];

type Definition = (typeof definitions)[number];

export type BlockType = Definition['type'];

/** Block type → its definition. */
export const blockRegistry = Object.fromEntries(definitions.map((definition) => [definition.type, definition])) as {
  readonly [D in Definition as D['type']]: D;
};

/** The block types, in palette order. */
export const blockTypes: readonly BlockType[] = definitions.map((definition) => definition.type);

/** Block types a test registered for a while (see `registerBlockTypeForTest`); always empty in production. */
const testDefinitions = new Map<string, AnyBlockDefinition>();

/** The config of a block of type `T` once parsed: defaults applied. */
export type BlockConfig<T extends BlockType> = z.output<(typeof blockRegistry)[T]['configSchema']>;

export function isBlockType(type: string): type is BlockType {
  return Object.hasOwn(blockRegistry, type);
}

export function getBlockDefinition<T extends BlockType>(type: T): (typeof blockRegistry)[T];
export function getBlockDefinition(type: string): AnyBlockDefinition | undefined;
export function getBlockDefinition(type: string): AnyBlockDefinition | undefined {
  return isBlockType(type) ? blockRegistry[type] : testDefinitions.get(type);
}

/** Every block definition, in palette order (a test's throwaway types last). */
export function allBlockDefinitions(): readonly AnyBlockDefinition[] {
  return [...definitions, ...testDefinitions.values()];
}

/**
 * Tests only: registers a throwaway block type, to prove that a block file alone makes a working block type.
 * Returns the function that removes it again. Production block types are the list above and nothing else.
 */
export function registerBlockTypeForTest(definition: AnyBlockDefinition): () => void {
  if (!process.env.VITEST) throw new Error('registerBlockTypeForTest is for tests only');
  if (getBlockDefinition(definition.type)) throw new Error(`Block type "${definition.type}" is already registered`);
  testDefinitions.set(definition.type, definition);
  return () => void testDefinitions.delete(definition.type);
}
