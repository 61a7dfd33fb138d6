import type { GraphProblem } from '../graph/problems';
import type { Graph } from '@/lib/graph/schema';
import { validateGraph } from '../graph/validate';
import { checkSyntax } from '../sandbox';
import { listSecretNames } from './credentials';

/**
 * The one validator every save, deploy and run goes through; scripts are compiled (never run) to catch typos, and
 * the secrets the graph names must exist in its workspace.
 */
export async function workflowGraphProblems(graph: Graph, workspaceId: string): Promise<GraphProblem[]> {
  return validateGraph(graph, { checkSyntax, secretNames: await listSecretNames(workspaceId) });
}
