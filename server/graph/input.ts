import type { Graph } from '@/lib/graph/schema';
import { getBlockDefinition } from '@/server/blocks';
import { ApiError } from '../errors';
import { safeParseBlockConfig } from './config';

/**
 * The input an execution of this graph runs with: checked against what the entry block declares and with its
 * defaults filled in. A mismatch is the contract's `400 validation_error`, one detail per field, before anything runs.
 */
export function acceptExecutionInput(graph: Graph, input: Record<string, unknown>): Record<string, unknown> {
  for (const block of graph.blocks) {
    const definition = getBlockDefinition(block.type);
    if (definition?.role !== 'entry' || !definition.acceptInput) continue;
    const parsed = safeParseBlockConfig(block);
    if (!parsed.success) return input;
    const result = definition.acceptInput(parsed.config, input);
    if (result.input) return result.input;
    throw new ApiError(
      'validation_error',
      'The input does not match the fields the workflow declares',
      (result.problems ?? []).map((problem) => ({ path: `input.${problem.field}`, message: problem.message })),
    );
  }
  return input;
}
