import { z } from 'zod';
import {
  blockTypes,
  getBlockDefinition,
  type AnyBlockDefinition,
  type BlockConfig,
  type BlockType,
} from '@/server/blocks';
import { InvalidGraphError, type GraphProblem } from './problems';
import type { Block } from '@/lib/graph/schema';

type ConfiguredBlock = Pick<Block, 'id' | 'type' | 'config'>;

export type ParseBlockConfigResult<TConfig> =
  | { success: true; config: TConfig; problems?: undefined }
  | { success: false; config?: undefined; problems: GraphProblem[] };

/**
 * Checks a block's config against its type's schema and applies the defaults. Problems name the offending field
 * (`config.prompt`, `config.retry.max_attempts`) and read as a sentence about it (`prompt is required`).
 */
export function safeParseBlockConfig<T extends BlockType>(
  block: ConfiguredBlock & { type: T },
): ParseBlockConfigResult<BlockConfig<T>>;
export function safeParseBlockConfig(block: ConfiguredBlock): ParseBlockConfigResult<Record<string, unknown>>;
export function safeParseBlockConfig(block: ConfiguredBlock): ParseBlockConfigResult<Record<string, unknown>> {
  const definition = getBlockDefinition(block.type);
  if (!definition) return { success: false, problems: [unknownTypeProblem(block)] };
  return parseWith(definition, block);
}

/** Like `safeParseBlockConfig`, but throws an `InvalidGraphError` listing the problems. */
export function parseBlockConfig<T extends BlockType>(block: ConfiguredBlock & { type: T }): BlockConfig<T>;
export function parseBlockConfig(block: ConfiguredBlock): Record<string, unknown>;
export function parseBlockConfig(block: ConfiguredBlock): Record<string, unknown> {
  const result = safeParseBlockConfig(block);
  if (!result.success) throw new InvalidGraphError(result.problems);
  return result.config;
}

/** The config problems of a block whose type is known. */
export function parseWith(
  definition: AnyBlockDefinition,
  block: ConfiguredBlock,
): ParseBlockConfigResult<Record<string, unknown>> {
  const schema: z.ZodType = definition.configSchema;
  const result = schema.safeParse(block.config, { error: describeIssue });
  if (result.success) return { success: true, config: result.data as Record<string, unknown> };
  const problems = result.error.issues.flatMap((issue): GraphProblem[] => {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        block_id: block.id,
        edge: null,
        field: ['config', ...path, key].join('.'),
        message: `${[...path, key].join('.')} is not a setting of ${definition.type} blocks`,
      }));
    }
    return [
      {
        block_id: block.id,
        edge: null,
        field: ['config', ...path].join('.'),
        message: `${path.length > 0 ? path.join('.') : 'config'} ${issue.message}`,
      },
    ];
  });
  return { success: false, problems };
}

export function unknownTypeProblem(block: Pick<Block, 'id' | 'type'>): GraphProblem {
  return {
    block_id: block.id,
    edge: null,
    field: 'type',
    message: `Unknown block type "${block.type}" (known types: ${blockTypes.join(', ')})`,
  };
}

const typeNames: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  record: 'an object',
  array: 'a list',
  null: 'null',
};

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return 'text';
  return String(value);
}

/**
 * The per-parse error map: turns a zod issue into the predicate of a sentence whose subject is the field
 * (`is required`, `must be at most 2`). Messages written on the schemas themselves take precedence and are
 * written the same way.
 */
function describeIssue(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return 'is required';
      const expected = typeNames[issue.expected] ?? issue.expected;
      if (issue.expected === 'int' && typeof issue.input === 'number') return `must be a whole number, not ${issue.input}`;
      return `must be ${expected}, not ${describeValue(issue.input)}`;
    }
    case 'too_small': {
      const minimum = Number(issue.minimum);
      if (issue.origin === 'string') return minimum <= 1 ? 'must not be empty' : `must be at least ${minimum} characters long`;
      if (issue.origin === 'array') return `must have at least ${minimum} ${minimum === 1 ? 'item' : 'items'}`;
      return issue.inclusive === false ? `must be greater than ${minimum}` : `must be at least ${minimum}`;
    }
    case 'too_big': {
      const maximum = Number(issue.maximum);
      if (issue.origin === 'string') return `must be at most ${maximum} characters long`;
      if (issue.origin === 'array') return `must have at most ${maximum} ${maximum === 1 ? 'item' : 'items'}`;
      return issue.inclusive === false ? `must be less than ${maximum}` : `must be at most ${maximum}`;
    }
    case 'invalid_value': {
      const values = issue.values.map((value) => JSON.stringify(value));
      return values.length === 1 ? `must be ${values[0]}` : `must be one of ${values.join(', ')}`;
    }
    case 'invalid_format':
      return `must be a valid ${issue.format}`;
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}`;
    case 'unrecognized_keys':
      return 'is not a known setting';
    default:
      return 'is not valid';
  }
}
