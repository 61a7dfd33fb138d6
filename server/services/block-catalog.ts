import { z } from 'zod';
import { blockCategories, blockTypes, getBlockDefinition } from '../blocks';
import { curatedModelStrings, llmProviders } from '../llm/models';

// What the editor knows about block types, read from the registry: the palette, the inspector's forms, the
// handles a node draws. Plain data, so the browser never loads block code (which runs sandboxes and sockets).

export function blockCatalog() {
  return {
    categories: blockCategories,
    /** Suggestions for `model` fields (`provider/model`); any other name may be typed. */
    models: curatedModelStrings(),
    providers: llmProviders.map(({ id, label, help, settings }) => ({ id, label, help, settings })),
    blocks: blockTypes.map((type) => {
      const definition = getBlockDefinition(type);
      return {
        type: definition.type,
        label: definition.label,
        description: definition.description,
        icon: definition.icon,
        category: definition.category,
        targetHandles: [...definition.targetHandles],
        sourceHandles: [...definition.sourceHandles],
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
