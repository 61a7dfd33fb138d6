// Which way a branching block went, written as data by the block type so the engine (which takes the edges) and
// the editor (which draws taken and untaken edges) read the same rule.

/** A branching block takes the source handles named by one field of its output. */
export interface BranchRule {
  /**
   * The output field naming the branch: a handle id, a boolean (`true` → handle `"true"`), or a list of them to
   * take several branches at once.
   */
  outputField: string;
}

/** The source handles a branching block's output takes. */
export function takenHandles(rule: BranchRule, output: unknown): Set<string> {
  const value = output !== null && typeof output === 'object' ? (output as Record<string, unknown>)[rule.outputField] : undefined;
  const chosen = Array.isArray(value) ? value : [value];
  return new Set(chosen.filter((item) => typeof item === 'string' || typeof item === 'boolean' || typeof item === 'number').map(String));
}
