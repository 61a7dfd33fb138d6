import type { AnyBlockDefinition } from '@/server/blocks';
import type { Block } from '@/lib/graph/schema';
import { secretNamesInCode, secretReferencesInTemplates } from '@/lib/graph/secrets';

/** The secret names a block uses: in its template fields and in its script. */
export function blockSecretNames(block: Pick<Block, 'config'>, definition: AnyBlockDefinition): string[] {
  const names = new Set<string>();
  for (const field of definition.templateFields) {
    for (const reference of secretReferencesInTemplates(block.config[field])) if (reference.name) names.add(reference.name);
  }
  const source = definition.script ? block.config[definition.script.field] : undefined;
  if (typeof source === 'string') for (const name of secretNamesInCode(source)) names.add(name);
  return [...names];
}
