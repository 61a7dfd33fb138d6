import { ApiError } from '../errors';

/**
 * One problem with a graph: exactly an entry of the `details` of an `invalid_graph` error (API.md).
 * `edge` is the edge's id, or `"source->target"` when the edge has none; `field` is the path of the offending
 * value inside the block or edge (`"config.prompt"`, `"config.retry.max_attempts"`, `"id"`, `"sourceHandle"`).
 */
export interface GraphProblem {
  block_id: string | null;
  edge: string | null;
  field: string | null;
  message: string;
}

/** Raised when a graph (or one block's config) is invalid; the HTTP layer answers `400 invalid_graph`. */
export class InvalidGraphError extends ApiError {
  constructor(
    readonly details: GraphProblem[],
    message = describeProblems(details),
  ) {
    super('invalid_graph', message, details);
    this.name = 'InvalidGraphError';
  }
}

function describeProblems(problems: GraphProblem[]): string {
  if (problems.length === 0) return 'The workflow graph is invalid';
  const first = problems[0].message;
  const more = problems.length - 1;
  if (more === 0) return `The workflow graph is invalid: ${first}`;
  return `The workflow graph is invalid: ${first} (and ${more} more ${more === 1 ? 'problem' : 'problems'})`;
}
