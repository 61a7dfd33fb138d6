import type { GraphProblem } from '../graph/problems';
import type { Graph } from '@/lib/graph/schema';
import { allBlockDefinitions } from '../blocks';
import { validateGraph } from '../graph/validate';
import { TextMemo } from '../memo';
import { checkSyntax } from '../sandbox';
import { listSecretNames } from './credentials';

/** Each run validates the graph it runs (the draft, or a deployed snapshot): the same graph, the same answer. */
const validated = new TextMemo<GraphProblem[]>(500);

/**
 * The one validator every save, deploy and run goes through; scripts are compiled (never run) to catch typos, and
 * the secrets the graph names must exist in its workspace. The validator is a pure function of the graph and the
 * secret names, so a graph already validated against the same names is not validated again.
 */
export async function workflowGraphProblems(graph: Graph, workspaceId: string): Promise<GraphProblem[]> {
  const secretNames = await listSecretNames(workspaceId);
  // The block types known are part of the question: tests register throwaway ones for a while.
  const key = `${allBlockDefinitions().map((definition) => definition.type)}\n${[...secretNames].sort()}\n${JSON.stringify(graph)}`;
  return validated.get(key, () => validateGraph(graph, { checkSyntax, secretNames })).map((problem) => ({ ...problem }));
}
