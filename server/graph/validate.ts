import { getBlockDefinition, type AnyBlockDefinition, type HandleId } from '@/server/blocks';
import { parseWith, unknownTypeProblem } from './config';
import { containerProblems, containersOf } from './containers';
import { InvalidGraphError, type GraphProblem } from './problems';
import { MAX_BLOCK_ID_LENGTH, RESERVED_BLOCK_IDS, blockIdFormatIssue, edgeLabel, type Block, type Edge, type Graph } from '@/lib/graph/schema';
import { SECRETS_ROOT, secretNamesInCode } from '@/lib/graph/secrets';
import { findMalformedTemplates, findTemplateReferences } from '@/lib/graph/templates';
import { findCycles, reachableFrom, upstreamOf } from '@/lib/graph/topology';

/** Checks a script for syntax errors without running it; returns the error message, or `null` when it parses. */
type CheckSyntax = (code: string, mode: 'function' | 'expression') => string | null;

export interface ValidateGraphOptions {
  /** When given, `code` blocks are checked as function bodies and `condition` blocks as expressions. */
  checkSyntax?: CheckSyntax;
  /** The workspace's secret names: when given, `{{secrets.NAME}}` and `secrets.NAME` in code must name one of them. */
  secretNames?: ReadonlySet<string>;
}

/**
 * Every problem of a structurally valid graph, all at once, in a stable order:
 * 1. per block, in block order: malformed id, duplicate id, unknown type, config problems (schema order, then
 *    unknown settings), malformed templates, script syntax errors;
 * 2. per edge, in edge order: duplicate edge id, missing source/target block, self-loop, edge out of a block that
 *    has no outputs / into one that has no inputs, bad `sourceHandle`/`targetHandle`, duplicate edge;
 * 3. for the graph: no input block / extra input blocks, no output block (the blocks whose role is `entry` and
 *    `exit`), cycles (one per loop, by earliest
 *    block), blocks not reachable from the input block, template references to blocks that do not exist, to the
 *    block itself, or to blocks that are not upstream.
 * An empty list means the graph can be saved, deployed and run.
 */
export function validateGraph(graph: Graph, options: ValidateGraphOptions = {}): GraphProblem[] {
  const problems: GraphProblem[] = [];
  const blocksById = new Map<string, Block>();
  for (const block of graph.blocks) if (!blocksById.has(block.id)) blocksById.set(block.id, block);

  for (const block of graph.blocks) problems.push(...blockProblems(block, blocksById, options));
  const { problems: edgeIssues, connecting } = edgeProblems(graph.edges, blocksById);
  problems.push(...edgeIssues);
  problems.push(...containerProblems(graph.blocks, graph.edges, blocksById));
  // Cycles, reachability and upstream are judged on the edges that can exist (a wrong handle name still connects);
  // an edge to a missing block, a self-loop or an edge into the input block is reported once, above.
  problems.push(...graphProblems({ blocks: graph.blocks, edges: connecting }, blocksById, options));
  return problems;
}

export function isGraphValid(graph: Graph, options: ValidateGraphOptions = {}): boolean {
  return validateGraph(graph, options).length === 0;
}

/** Throws an `InvalidGraphError` (`400 invalid_graph`) carrying every problem, if there is any. */
export function assertGraphValid(graph: Graph, options: ValidateGraphOptions = {}): void {
  const problems = validateGraph(graph, options);
  if (problems.length > 0) throw new InvalidGraphError(problems);
}

function problem(block_id: string | null, edge: string | null, field: string | null, message: string): GraphProblem {
  return { block_id, edge, field, message };
}

function describeBlock(definition: AnyBlockDefinition, id: string): string {
  return `the ${definition.type} block "${id}"`;
}

const BLOCK_ID_ISSUES = {
  too_long: `is too long (at most ${MAX_BLOCK_ID_LENGTH} characters)`,
  pattern: 'is not valid: it must start with a letter or underscore and contain only letters, digits and underscores',
  reserved: `is reserved (${[...RESERVED_BLOCK_IDS].join(', ')} are names every JavaScript object has); choose another`,
} as const;

function blockProblems(block: Block, blocksById: Map<string, Block>, options: ValidateGraphOptions): GraphProblem[] {
  const problems: GraphProblem[] = [];
  const idIssue = blockIdFormatIssue(block.id);
  if (idIssue) problems.push(problem(block.id, null, 'id', `Block id "${block.id}" ${BLOCK_ID_ISSUES[idIssue]}`));
  if (block.id === SECRETS_ROOT) {
    problems.push(problem(block.id, null, 'id', `Block id "${SECRETS_ROOT}" is reserved for the workspace's secrets ({{${SECRETS_ROOT}.NAME}}); choose another`));
  }
  if (blocksById.get(block.id) !== block) {
    problems.push(problem(block.id, null, 'id', `Block id "${block.id}" is used by more than one block`));
  }

  const definition = getBlockDefinition(block.type);
  if (!definition) return [...problems, unknownTypeProblem(block)];

  const parsed = parseWith(definition, block);
  if (!parsed.success) problems.push(...parsed.problems);

  for (const field of definition.templateFields) {
    for (const malformed of findMalformedTemplates(block.config[field])) {
      const path = [field, ...malformed.location].join('.');
      problems.push(
        problem(block.id, null, `config.${path}`, `${path} has a malformed template ${malformed.raw}: ${malformed.message}`),
      );
    }
  }

  const script = definition.script;
  const source = script ? block.config[script.field] : undefined;
  if (script && options.checkSyntax && typeof source === 'string' && source.trim() !== '') {
    const error = options.checkSyntax(source, script.mode);
    if (error !== null) problems.push(problem(block.id, null, `config.${script.field}`, `${script.field} has a syntax error: ${error}`));
  }
  if (script && options.secretNames && typeof source === 'string') {
    for (const name of secretNamesInCode(source)) {
      if (!options.secretNames.has(name)) problems.push(problem(block.id, null, `config.${script.field}`, `${script.field} ${unknownSecret(name)}`));
    }
  }
  return problems;
}

function edgeProblems(
  edges: readonly Edge[],
  blocksById: Map<string, Block>,
): { problems: GraphProblem[]; connecting: Edge[] } {
  const problems: GraphProblem[] = [];
  const connecting: Edge[] = [];
  const edgeIds = new Set<string>();
  const connections = new Map<string, string>();

  for (const edge of edges) {
    const label = edgeLabel(edge);
    if (edge.id !== undefined) {
      if (edgeIds.has(edge.id)) problems.push(problem(null, label, 'id', `Edge id "${edge.id}" is used by more than one edge`));
      edgeIds.add(edge.id);
    }

    const source = blocksById.get(edge.source);
    const target = blocksById.get(edge.target);
    if (!source) problems.push(problem(null, label, 'source', `Edge ${label} starts at block "${edge.source}", which does not exist`));
    if (!target) problems.push(problem(null, label, 'target', `Edge ${label} ends at block "${edge.target}", which does not exist`));
    if (!source || !target) continue;

    if (source === target) {
      problems.push(problem(source.id, label, null, `Block "${source.id}" is connected to itself`));
      continue;
    }

    const sourceDefinition = getBlockDefinition(source.type);
    const targetDefinition = getBlockDefinition(target.type);
    const sourceHandles = sourceDefinition?.sourceHandlesFor(source.config);
    const sourceProblem = sourceDefinition && checkHandle(sourceDefinition, sourceHandles!, source.id, 'source', edge.sourceHandle ?? null, label);
    const targetProblem = targetDefinition && checkHandle(targetDefinition, targetDefinition.targetHandles, target.id, 'target', edge.targetHandle ?? null, label);
    if (sourceProblem) problems.push(sourceProblem);
    if (targetProblem) problems.push(targetProblem);
    const impossible = sourceHandles?.length === 0 || targetDefinition?.targetHandles.length === 0;
    if (!impossible) connecting.push(edge);

    const connection = JSON.stringify([edge.source, edge.sourceHandle ?? null, edge.target, edge.targetHandle ?? null]);
    const first = connections.get(connection);
    if (first === undefined) {
      connections.set(connection, label);
    } else {
      const via = edge.sourceHandle ? ` (${edge.sourceHandle})` : '';
      problems.push(problem(null, label, null, `Edge ${label} duplicates edge ${first}: "${edge.source}"${via} is already connected to "${edge.target}"`));
    }
  }
  return { problems, connecting };
}

/** Checks one end of an edge against the handles the block type has (`null` = its single unnamed handle). */
function checkHandle(
  definition: AnyBlockDefinition,
  blockHandles: readonly { id: HandleId }[],
  blockId: string,
  side: 'source' | 'target',
  handle: HandleId,
  label: string,
): GraphProblem | null {
  const handles = blockHandles.map((h) => h.id);
  if (handles.includes(handle)) return null;
  const block = describeBlock(definition, blockId);
  const key = side === 'source' ? 'sourceHandle' : 'targetHandle';
  const end = side === 'source' ? 'output' : 'input';

  if (handles.length === 0) {
    const message = side === 'source' ? `${capitalize(block)} cannot have outgoing edges` : `${capitalize(block)} cannot have incoming edges`;
    return problem(blockId, label, side, message);
  }
  const named = handles.filter((h): h is string => h !== null).map((h) => `"${h}"`);
  const allowed = [...named, ...(handles.includes(null) ? ['null'] : [])].join(' or ');
  if (named.length === 0) {
    return problem(blockId, label, key, `${capitalize(block)} has a single ${end}; ${key} must be null or left out, not "${handle}"`);
  }
  if (handle === null) {
    const direction = side === 'source' ? 'leaving' : 'entering';
    return problem(blockId, label, key, `Edges ${direction} ${block} need a ${key}: ${allowed}`);
  }
  return problem(blockId, label, key, `${key} "${handle}" is not an ${end} of ${block}; use ${allowed}`);
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function unknownSecret(name: string): string {
  return `uses the secret "${name}", which this workspace does not have (add it in Settings → Credentials)`;
}

/** What is wrong with a `{{secrets.…}}` template, or null. */
function secretProblem(reference: { path: (string | number)[] }, secretNames: ReadonlySet<string> | undefined): string | null {
  const name = reference.path.length === 1 && typeof reference.path[0] === 'string' ? reference.path[0] : null;
  if (name === null) return `must name one secret, as {{${SECRETS_ROOT}.NAME}}`;
  return secretNames && !secretNames.has(name) ? unknownSecret(name) : null;
}

function graphProblems(graph: Graph, blocksById: Map<string, Block>, options: ValidateGraphOptions): GraphProblem[] {
  const problems: GraphProblem[] = [];
  const blocks = [...blocksById.values()];
  const roleOf = (block: Block) => getBlockDefinition(block.type)?.role;
  const inputs = blocks.filter((block) => roleOf(block) === 'entry');

  if (inputs.length === 0) problems.push(problem(null, null, null, 'The workflow has no input block'));
  for (const extra of inputs.slice(1)) {
    problems.push(
      problem(extra.id, null, 'type', `Only one input block is allowed; "${inputs[0].id}" is already the input block`),
    );
  }
  if (!blocks.some((block) => roleOf(block) === 'exit')) {
    problems.push(problem(null, null, null, 'The workflow has no output block'));
  }

  for (const cycle of findCycles(graph)) {
    if (cycle.blocks.length === 1) continue; // a self-loop, reported with its edge
    const path = [...cycle.path, cycle.path[0]].map((id) => `"${id}"`).join(' -> ');
    const others = cycle.blocks.filter((id) => !cycle.path.includes(id));
    const rest = others.length > 0 ? `; the loop also goes through ${others.map((id) => `"${id}"`).join(', ')}` : '';
    problems.push(problem(cycle.path[0], null, null, `Cycle: ${path}${rest}`));
  }

  if (inputs.length > 0) {
    const reachable = reachableFrom(graph, inputs.map((block) => block.id));
    for (const block of blocks) {
      // Blocks inside a container start its iterations wherever they have no incoming edge.
      if (!reachable.has(block.id) && !block.parent_id) {
        problems.push(problem(block.id, null, null, `Block "${block.id}" is not connected to the input block "${inputs[0].id}"`));
      }
    }
  }

  const upstream = upstreamOf(graph);
  for (const block of graph.blocks) {
    const definition = getBlockDefinition(block.type);
    if (!definition) continue;
    const reported = new Set<string>();
    for (const field of definition.templateFields) {
      for (const reference of findTemplateReferences(block.config[field])) {
        const path = [field, ...reference.location].join('.');
        const key = JSON.stringify([path, reference.blockId]);
        if (reported.has(key)) continue;
        const message =
          reference.blockId === SECRETS_ROOT
            ? secretProblem(reference, options.secretNames)
            : referenceProblem(block, reference.blockId, upstream, blocksById);
        if (message === null) continue;
        reported.add(key);
        problems.push(problem(block.id, null, `config.${path}`, `${path} ${message} (${reference.raw})`));
      }
    }
  }
  return problems;
}

function referenceProblem(block: Block, referencedId: string, upstream: Map<string, Set<string>>, blocksById: Map<string, Block>): string | null {
  const blockId = block.id;
  // Inside a container: its variable (`loop`), and whatever is upstream of it or of a container around it.
  const containers = containersOf(block, blocksById);
  if (containers.some((container) => getBlockDefinition(container.type)?.container?.variable === referencedId)) return null;
  if (!blocksById.has(referencedId)) return `refers to block "${referencedId}", which does not exist`;
  if (referencedId === blockId) return `refers to its own block "${blockId}"`;
  const visible = [block, ...containers].some((scope) => upstream.get(scope.id)?.has(referencedId));
  if (visible) return null;
  const inside = blocksById.get(referencedId)?.parent_id;
  if (inside && inside !== block.parent_id) return `refers to block "${referencedId}" inside "${inside}"; use the results of "${inside}" instead`;
  return `refers to block "${referencedId}", which is not upstream of "${blockId}"`;
}
