import type { GraphProblem } from '../graph/problems';
import { validateGraph } from '../graph/validate';
import type { Graph } from '../graph/schema';

/** The one validator every save, deploy and run goes through. */
export function workflowGraphProblems(graph: Graph): GraphProblem[] {
  return validateGraph(graph);
}
