import type { GraphProblem } from '../graph/problems';
import type { Graph } from '@/lib/graph/schema';
import { allBlockDefinitions, getBlockDefinition } from '../blocks';
import { blockSecretNames } from '../graph/secrets';
import { validateGraph } from '../graph/validate';
import { TextMemo } from '../memo';
import { checkSyntax } from '../sandbox';
import { listSecretNames } from './credentials';

/** Each run validates the graph it runs (the draft, or a deployed snapshot): the same graph, the same answer. */
const validated = new TextMemo<GraphProblem[]>(500);
/** The secret names each graph uses, by the same key without the workspace's names. */
const namesUsed = new TextMemo<string[]>(500);

function secretNamesUsed(graph: Graph): string[] {
  const names = new Set<string>();
  for (const block of graph.blocks) {
    const definition = getBlockDefinition(block.type);
    if (definition) for (const name of blockSecretNames(block, definition)) names.add(name);
  }
  return [...names];
}

/**
 * The one validator every save, deploy and run goes through; scripts are compiled (never run) to catch typos, and
 * the secrets the graph names must exist in its workspace. The validator is a pure function of the graph and the
 * secret names, so a graph already validated against the same names is not validated again. A graph that names no
 * secret does not depend on them, so the workspace's names are not read for it (most runs).
 */
export async function workflowGraphProblems(graph: Graph, workspaceId: string): Promise<GraphProblem[]> {
  // The block types known are part of the question: tests register throwaway ones for a while.
  const graphKey = `${allBlockDefinitions().map((definition) => definition.type)}\n${JSON.stringify(graph)}`;
  const used = namesUsed.get(graphKey, () => secretNamesUsed(graph));
  const secretNames = used.length > 0 ? await listSecretNames(workspaceId) : new Set<string>();
  const key = `${[...secretNames].sort()}\n${graphKey}`;
  return validated.get(key, () => validateGraph(graph, { checkSyntax, secretNames })).map((problem) => ({ ...problem }));
}
