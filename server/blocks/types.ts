import { z } from 'zod';
import { takenHandles, type BranchRule } from '@/lib/blocks/branches';
import { configHandleIds, type ContainerSpec, type HandlesFromConfig } from '@/lib/blocks/handles';
import type { SummarySpec } from '@/lib/blocks/summary';
import type { Edge } from '@/lib/graph/schema';
import { commonConfigShape, commonFieldHints, type CommonConfigShape } from './common';
import type { BlockRunContext } from './run-context';

/** Where a block type sits in the editor's palette. */
export type BlockCategory = 'io' | 'ai' | 'logic' | 'integration';

export const blockCategories: readonly { id: BlockCategory; label: string }[] = [
  { id: 'io', label: 'Input & output' },
  { id: 'ai', label: 'AI' },
  { id: 'logic', label: 'Logic' },
  { id: 'integration', label: 'Integrations' },
];

/**
 * A connection point on a block. `null` is the block's single unnamed handle: edges attached to it carry
 * `sourceHandle`/`targetHandle` `null` (or leave it out), which is what React Flow produces for a `<Handle>`
 * without an `id`. Named handles (a condition's `"true"`/`"false"`) must be named on the edge.
 */
export type HandleId = string | null;

/** The single unnamed handle most blocks have on each side. */
const DEFAULT_HANDLE: HandleId = null;

/** The colour a handle and its label are drawn in; the editor maps tones to its palette. */
export type HandleTone = 'neutral' | 'success' | 'danger' | 'warning' | 'info';

/** A handle as a block file writes it. */
interface HandleSpec {
  id: HandleId;
  /** Shown beside a named handle; its id unless given. */
  label?: string;
  tone?: HandleTone;
}

/** A handle as the engine, validator and editor read it. */
export interface BlockHandle {
  id: HandleId;
  label: string | null;
  tone: HandleTone;
}

/**
 * What part a block plays in a workflow: the execution input enters through the one `entry` block, the execution
 * output comes from the `exit` blocks that ran, everything else is `normal`.
 */
type BlockRole = 'entry' | 'exit' | 'normal';

/** What a block's output looks like before any run, for template autocomplete. */
interface OutputSpec {
  /** Fields of the output object, nested ones as paths (`"usage.input_tokens"`). */
  fields?: readonly string[];
  /** A config field holding a list of `{name}` whose names are fields of the output (the input block's fields). */
  fieldsFromConfig?: string;
}

/** How the inspector renders a config field; `input-fields` is the editor for a list of typed input fields. */
type FieldWidget = 'text' | 'textarea' | 'number' | 'select' | 'toggle' | 'json' | 'code' | 'model' | 'input-fields';

interface FieldOption {
  value: string;
  label: string;
}

/** What a block file says about one config field. */
export interface FieldHintSpec {
  widget: FieldWidget;
  label: string;
  help?: string;
  placeholder?: string;
  /** For `select` widgets. */
  options?: readonly FieldOption[];
  /** Shown in a collapsed "Advanced" section (the shared per-block settings are). */
  advanced?: boolean;
}

/** A field hint as the inspector receives it: `required` is derived from the config schema, never written by hand. */
export interface FieldHint extends FieldHintSpec {
  required: boolean;
}

/** A config field evaluated as JavaScript in the sandbox rather than rendered as a template. */
interface ScriptField {
  field: string;
  /** `function`: the body of an async function; `expression`: a single expression. */
  mode: 'function' | 'expression';
}

/** The config schema of a block type: its own fields plus the shared settings, unknown keys rejected. */
export type BlockConfigSchema<TShape extends z.core.$ZodShape = z.core.$ZodShape> = z.ZodObject<
  TShape & Omit<CommonConfigShape, keyof TShape>,
  z.core.$strict
>;

/** One way an execution input does not fit what the entry block declares. */
export interface InputProblem {
  field: string;
  message: string;
}

/** The input a run gets (defaults filled in), or every way it does not fit. */
type AcceptedInput = { input: Record<string, unknown>; problems?: undefined } | { input?: undefined; problems: InputProblem[] };

/** What a block file writes; `defineBlock` turns it into a `BlockDefinition`. */
export interface BlockSpec<TType extends string, TShape extends z.core.$ZodShape> {
  type: TType;
  label: string;
  /** One sentence for the palette. */
  description: string;
  /** A lucide icon name, e.g. `"sparkles"`. */
  icon: string;
  category: BlockCategory;
  /** `normal` unless given. */
  role?: BlockRole;
  /**
   * Its run reaches nothing outside the execution (no network, no other records), so running it again after a crash
   * changes nothing: its log may wait for the recorder's next batch. Unless given, a block's log is written before
   * the run goes on.
   */
  contained?: boolean;
  /** The block's own config fields; the shared settings of `common.ts` are added by `defineBlock`. */
  config: TShape;
  /** Top-level config keys whose values (strings, or any JSON containing strings) are `{{ }}` templates. */
  templateFields?: readonly (keyof TShape & string)[];
  /** Template fields holding a URL: values are percent-encoded for their part of it (`renderUrlTemplate`). */
  urlFields?: readonly (keyof TShape & string)[];
  /** The config field run as JavaScript in the sandbox, if any (upstream outputs are in scope by block id). */
  script?: ScriptField & { field: keyof TShape & string };
  /** Handles edges may end on; one unnamed handle unless given, none for an `entry` block. */
  targetHandles?: readonly HandleSpec[];
  /** Handles edges may leave from; one unnamed handle unless given, none for an `exit` block. */
  sourceHandles?: readonly HandleSpec[];
  /** More source handles named by a list in the config (a router's routes), before the fixed ones. */
  sourceHandlesFrom?: HandlesFromConfig;
  /** Makes the block branching: it takes only the edges of the handles its output names. Unless given, all. */
  branch?: BranchRule;
  /** Makes the block a container: blocks whose `parent_id` is its id run inside it (see `runChildren`). */
  container?: ContainerSpec;
  /**
   * Why a block with this config may pause the execution (`suspend`), or null when it never does. The validator
   * keeps such blocks out of containers: one iteration cannot wait while the others run on.
   */
  pauses?(config: z.output<BlockConfigSchema<TShape>>): string | null;
  /** The line its node shows about its config. */
  summary?: SummarySpec;
  /** Its output's fields, known before it runs. */
  outputs?: OutputSpec;
  /** The config of a block freshly dropped on the canvas. */
  defaults: z.input<BlockConfigSchema<TShape>>;
  /** Inspector hints for the block's own fields, in display order. */
  fieldHints?: { readonly [K in keyof TShape & string]?: FieldHintSpec };
  /** For the `entry` block: checks an execution input before anything runs (execute, webhooks, forms). */
  acceptInput?(config: z.output<BlockConfigSchema<TShape>>, input: Record<string, unknown>): AcceptedInput;
  /** Does the block's work; what it returns is the block's output. Throw a BlockError to fail with a message. */
  run(context: BlockRunContext<z.output<BlockConfigSchema<TShape>>>): Promise<unknown>;
}

export interface BlockDefinition<
  TType extends string = string,
  TSchema extends BlockConfigSchema<z.core.$ZodShape> = BlockConfigSchema<z.core.$ZodShape>,
> {
  type: TType;
  label: string;
  description: string;
  icon: string;
  category: BlockCategory;
  role: BlockRole;
  contained: boolean;
  /** Validates a stored config and applies defaults (`configSchema.parse(config)` is what the engine runs with). */
  configSchema: TSchema;
  templateFields: readonly string[];
  urlFields: readonly string[];
  script: ScriptField | null;
  /** Handles edges may end on; empty when nothing may connect into the block (input). */
  targetHandles: readonly BlockHandle[];
  /** Handles edges may leave from; empty when the block has no outgoing edges (output). */
  sourceHandles: readonly BlockHandle[];
  sourceHandlesFrom: HandlesFromConfig | null;
  /** The source handles of a block of this type with this config: the config's own ones, then the fixed ones. */
  sourceHandlesFor(config: Readonly<Record<string, unknown>>): readonly BlockHandle[];
  branch: BranchRule | null;
  container: ContainerSpec | null;
  /** Why a block with this (parsed) config may pause the execution, or null (method syntax: bivariant like `run`). */
  pauses?(config: z.output<TSchema>): string | null;
  summary: SummarySpec | null;
  outputs: OutputSpec;
  /**
   * The outgoing edges the block takes once it has finished: all of them, or for a branching block those of the
   * branches its output names. A branching block that failed (and continued) picked no branch and takes none.
   */
  takenEdges(outgoing: readonly Edge[], output: unknown, failed: boolean): Edge[];
  /** A fresh copy of the config for a block dropped on the canvas. */
  defaultConfig(): z.input<TSchema>;
  /** Inspector hints keyed by config path (`"prompt"`, `"retry.max_attempts"`), block fields first, shared settings last. */
  fieldHints: Readonly<Record<string, FieldHint>>;
  /** Set on an entry block that checks the execution input before the run (method syntax: bivariant like `run`). */
  acceptInput?(config: z.output<TSchema>, input: Record<string, unknown>): AcceptedInput;
  run(context: BlockRunContext<z.output<TSchema>>): Promise<unknown>;
}

/** Any registered block definition, whatever its config type. */
export type AnyBlockDefinition = BlockDefinition;

/**
 * Builds a block definition from a block file's spec: merges the shared settings into a strict config schema
 * and derives the inspector hints.
 */
export function defineBlock<const TType extends string, TShape extends z.core.$ZodShape>(
  spec: BlockSpec<TType, TShape>,
): BlockDefinition<TType, BlockConfigSchema<TShape>> {
  const configSchema = z.strictObject({ ...spec.config, ...omitKeys(commonConfigShape, Object.keys(spec.config)) });
  const shape = configSchema.shape as z.core.$ZodShape;

  const fieldHints: Record<string, FieldHint> = {};
  const hintSpecs: Record<string, FieldHintSpec | undefined> = { ...spec.fieldHints, ...commonFieldHints };
  for (const [path, hint] of Object.entries(hintSpecs)) {
    if (hint) fieldHints[path] = { ...hint, required: isRequired(shape, path) };
  }

  const defaults = spec.defaults;
  const role = spec.role ?? 'normal';
  const branch = spec.branch ?? null;
  const sourceHandles = (spec.sourceHandles ?? (role === 'exit' ? [] : [{ id: DEFAULT_HANDLE }])).map(toHandle);
  return {
    type: spec.type,
    label: spec.label,
    description: spec.description,
    icon: spec.icon,
    category: spec.category,
    role,
    contained: spec.contained ?? false,
    configSchema: configSchema as unknown as BlockConfigSchema<TShape>,
    templateFields: spec.templateFields ?? [],
    urlFields: spec.urlFields ?? [],
    script: spec.script ?? null,
    targetHandles: (spec.targetHandles ?? (role === 'entry' ? [] : [{ id: DEFAULT_HANDLE }])).map(toHandle),
    sourceHandles,
    sourceHandlesFrom: spec.sourceHandlesFrom ?? null,
    sourceHandlesFor: (config) => [...configHandleIds(spec.sourceHandlesFrom, config).map((id) => toHandle({ id })), ...sourceHandles],
    branch,
    container: spec.container ?? null,
    ...(spec.pauses ? { pauses: spec.pauses } : {}),
    summary: spec.summary ?? null,
    outputs: spec.outputs ?? {},
    takenEdges(outgoing, output, failed) {
      if (!branch) return [...outgoing];
      if (failed) return [];
      const handles = takenHandles(branch, output);
      return outgoing.filter((edge) => edge.sourceHandle != null && handles.has(edge.sourceHandle));
    },
    defaultConfig: () => structuredClone(defaults),
    fieldHints,
    acceptInput: spec.acceptInput,
    run: spec.run,
  };
}

function toHandle({ id, label, tone }: HandleSpec): BlockHandle {
  return { id, label: label ?? id, tone: tone ?? 'neutral' };
}

function omitKeys<T extends object>(object: T, keys: readonly string[]): T {
  return Object.fromEntries(Object.entries(object).filter(([key]) => !keys.includes(key))) as T;
}

/** A field is required when leaving it out is invalid; a nested path is required only if its parent is too. */
function isRequired(shape: z.core.$ZodShape, path: string): boolean {
  let current: z.core.$ZodShape | undefined = shape;
  for (const key of path.split('.')) {
    const field: z.core.$ZodType | undefined = current?.[key];
    if (!field || z.safeParse(field, undefined).success) return false;
    current = field instanceof z.ZodObject ? (field.shape as z.core.$ZodShape) : undefined;
  }
  return true;
}
