import { findTemplateReferences } from './templates';

// Workspace secrets in a workflow: `{{secrets.NAME}}` in any config string, `secrets.NAME` in code. The graph only
// ever holds names; values are filled in by the engine at run time and redacted from everything it records.

/**
 * The shortest secret value a workspace may store. Shorter ones are not redacted from what executions record (a value
 * like "true" or "1234" would blank out ordinary text everywhere), so they are refused rather than left to leak.
 */
export const MIN_SECRET_LENGTH = 6;

/** The name templates and code use for the workspace's secrets; no block may take it as its id. */
export const SECRETS_ROOT = 'secrets';

/** A secret as a template names it: `{{secrets.NAME}}`; `name` is null when the template names none. */
export interface SecretReference {
  name: string | null;
  raw: string;
  location: (string | number)[];
}

/** Every `{{secrets.…}}` template in a string or JSON value, in document order. */
export function secretReferencesInTemplates(value: unknown): SecretReference[] {
  return findTemplateReferences(value)
    .filter((reference) => reference.blockId === SECRETS_ROOT)
    .map((reference) => ({
      name: reference.path.length === 1 && typeof reference.path[0] === 'string' ? reference.path[0] : null,
      raw: reference.raw,
      location: reference.location,
    }));
}

const CODE_REFERENCE = /\bsecrets\s*(?:\.\s*([A-Za-z_$][\w$]*)|\[\s*(?:"([^"]*)"|'([^']*)')\s*\])/g;

/** The distinct secret names code reads as `secrets.NAME` or `secrets["NAME"]` (only these reach the sandbox). */
export function secretNamesInCode(code: string): string[] {
  return [...new Set([...code.matchAll(CODE_REFERENCE)].map((match) => match[1] ?? match[2] ?? match[3]))];
}
