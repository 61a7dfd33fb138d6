import type { GraphProblem } from '../graph/problems';
import type { Graph } from '@/lib/graph/schema';
import { validateGraph } from '../graph/validate';
import { checkSyntax } from '../sandbox';

/** The one validator every save, deploy and run goes through; scripts are compiled (never run) to catch typos. */
export function workflowGraphProblems(graph: Graph): GraphProblem[] {
  return validateGraph(graph, { checkSyntax });
}
