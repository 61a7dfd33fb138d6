import type { InputFieldType } from '@/lib/blocks/input-fields';
import type { TemplateBlock, TemplateCategory, TemplateEdge, WorkflowTemplate } from './types';

// The builder every template goes through, so that a template states only what is particular to it: its input
// fields (each with the value its sample input gives it), its blocks in the order they run, and where it branches.
// The grid positions and the edges of a chain follow from that order.

/** Horizontal distance between columns of blocks on the canvas, and vertical distance between branches. */
const COLUMN = 320;
const ROW = 160;
/** A loop is drawn two columns wide; the blocks it runs stand in a row inside it, relative to its corner. */
const LOOP_COLUMNS = 2;
const LOOP_INSET = { x: 24, y: 96 };
const LOOP_SPACING = 272;

/** The model every template starts with; the editor's model picker changes it. */
const MODEL = 'gpt-4o-mini';

type Json = TemplateBlock['config'][string];

interface TemplateField {
  name: string;
  type: InputFieldType;
  description: string;
  required?: boolean;
  default?: Json;
  /** The value the template's sample input gives this field (left out of the sample when absent). */
  sample?: Json;
}

/** The Input block of a template and the sample input that runs it. */
interface TemplateInput {
  block: TemplateBlock;
  sampleInput: WorkflowTemplate['sampleInput'];
}

/** A block before the builder places it; a loop carries the blocks it runs for each item (no loop within a loop). */
type Unplaced = Omit<TemplateBlock, 'position' | 'parent_id'>;
interface Step extends Unplaced {
  body?: Unplaced[];
}

/** A path out of the last step: it leaves by the handle `on` and runs its steps on a row of its own. */
interface Branch {
  on: string;
  row: number;
  steps: Step[];
}

interface TemplateSpec extends Omit<WorkflowTemplate, 'id' | 'name' | 'category' | 'graph' | 'sampleInput'> {
  input: TemplateInput;
  /** The blocks after the Input block, each one run after the one before. */
  steps: Step[];
  branches?: Branch[];
}

export function field(name: string, type: TemplateField['type'], description: string, options: Omit<TemplateField, 'name' | 'type' | 'description'> = {}): TemplateField {
  return { name, type, description, ...options };
}

/** The Input block (id `input`, first column) declaring the fields the template expects. */
export function input(name: string, fields: TemplateField[]): TemplateInput {
  const declared = fields.map(({ sample: _sample, ...declaration }) => ({ required: false, ...declaration }));
  const sampleInput = Object.fromEntries(fields.flatMap(({ name: key, sample }) => (sample === undefined ? [] : [[key, sample]])));
  return { block: { id: 'input', type: 'input', name, config: { fields: declared }, position: at(0) }, sampleInput };
}

/** An Input block that declares no fields: whatever JSON the run is given is the input. */
export function anyInput(name: string, sampleInput: TemplateInput['sampleInput']): TemplateInput {
  return { block: { id: 'input', type: 'input', name, config: {}, position: at(0) }, sampleInput };
}

export function step(id: string, type: string, name: string, config: Record<string, unknown>): Step {
  return { id, type, name, config: config as Step['config'] };
}

/** A language-model block, starting on the templates' model. */
export function llm(id: string, name: string, config: Record<string, unknown>): Step {
  return step(id, 'llm', name, { model: MODEL, ...config });
}

/** An agent block (a model that may call tools), starting on the templates' model. */
export function agent(id: string, name: string, config: Record<string, unknown>): Step {
  return step(id, 'agent', name, { model: MODEL, ...config });
}

export function output(id: string, name: string, value: unknown): Step {
  return step(id, 'output', name, { value });
}

export function loop(id: string, name: string, config: Record<string, unknown>, body: Unplaced[]): Step {
  return { ...step(id, 'loop', name, config), body };
}

function at(column: number, row = 0): TemplateBlock['position'] {
  return { x: column * COLUMN, y: row * ROW };
}

function edge(source: string, target: string, sourceHandle: string | null = null): TemplateEdge {
  return { id: `${source}-${sourceHandle ? `${sourceHandle}-` : ''}${target}`, source, target, sourceHandle };
}

interface Placed {
  blocks: TemplateBlock[];
  edges: TemplateEdge[];
}

/** The blocks a loop runs, in a row inside it, each one after the one before. */
function placeBody(parent: string, body: Unplaced[], placed: Placed) {
  body.forEach((inner, index) => {
    placed.blocks.push({ ...inner, position: { x: LOOP_INSET.x + index * LOOP_SPACING, y: LOOP_INSET.y }, parent_id: parent });
    if (index > 0) placed.edges.push(edge(body[index - 1].id, inner.id));
  });
}

/** Places a chain of steps from `column` on `row`, each joined to the one before; the first to `from`. Returns the next free column. */
function placeChain(steps: Step[], column: number, row: number, from: { id: string; handle: string | null }, placed: Placed): number {
  let previous = from;
  for (const { body, ...placedStep } of steps) {
    placed.blocks.push({ ...placedStep, position: at(column, row) });
    placed.edges.push(edge(previous.id, placedStep.id, previous.handle));
    if (body) placeBody(placedStep.id, body, placed);
    column += body ? LOOP_COLUMNS : 1;
    previous = { id: placedStep.id, handle: null };
  }
  return column;
}

/** A template on the gallery's `category` shelf, with its stable `id` and card title `name`; its graph is laid out from the spec's order. */
export function template(category: TemplateCategory, id: string, name: string, { input: { block: inputBlock, sampleInput }, steps, branches = [], ...about }: TemplateSpec): WorkflowTemplate {
  const placed: Placed = { blocks: [inputBlock], edges: [] };
  const forkColumn = placeChain(steps, 1, 0, { id: inputBlock.id, handle: null }, placed);
  const fork = steps.at(-1)?.id ?? inputBlock.id;
  for (const branch of branches) placeChain(branch.steps, forkColumn, branch.row, { id: fork, handle: branch.on }, placed);
  return { id, name, ...about, category, sampleInput, graph: placed };
}
