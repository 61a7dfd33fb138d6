import { z } from 'zod';
import { allBlockDefinitions, blockCategories } from '../blocks';

// What the editor knows about block types, read from the registry: the palette, the inspector's forms, the
// handles a node draws, its summary line, its output fields and how it branches. Plain data, so the browser never
// loads block code (which runs sandboxes and sockets) and never needs to know a block type by name.

export function blockCatalog() {
  return {
    categories: blockCategories,
    blocks: allBlockDefinitions().map((definition) => {
      return {
        type: definition.type,
        label: definition.label,
        description: definition.description,
        icon: definition.icon,
        category: definition.category,
        role: definition.role,
        targetHandles: [...definition.targetHandles],
        sourceHandles: [...definition.sourceHandles],
        sourceHandlesFrom: definition.sourceHandlesFrom,
        branch: definition.branch,
        container: definition.container,
        summary: definition.summary,
        outputs: definition.outputs,
        templateFields: [...definition.templateFields],
        script: definition.script,
        defaultConfig: definition.defaultConfig() as Record<string, unknown>,
        fieldHints: definition.fieldHints,
        configSchema: z.toJSONSchema(definition.configSchema, { io: 'input', unrepresentable: 'any' }),
      };
    }),
  };
}

export type BlockCatalog = ReturnType<typeof blockCatalog>;
