import type { AnyBlockDefinition } from '../blocks';
import { renderTemplateString, renderTemplateValue, renderUrlTemplate, type BlockOutputs } from '@/lib/graph/templates';

function renderStrings(value: unknown, outputs: BlockOutputs): unknown {
  if (typeof value === 'string') return renderTemplateString(value, outputs);
  if (Array.isArray(value)) return value.map((item) => renderStrings(item, outputs));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, renderStrings(item, outputs)]));
  }
  return value;
}

/**
 * Renders the templates of a block's template fields from upstream outputs. A field that accepts any JSON (an
 * output's `value`, an HTTP body) gets the raw value of a lone `{{ref}}`, keeping numbers and objects intact; a
 * field that must be text (a prompt, header values) gets text, objects as JSON; a URL field gets its values
 * percent-encoded for the part of the URL they land in.
 */
export function renderConfig<T extends Record<string, unknown>>(definition: AnyBlockDefinition, config: T, outputs: BlockOutputs): T {
  const rendered: Record<string, unknown> = { ...config };
  const shape = definition.configSchema.shape as unknown as Record<string, { safeParse(value: unknown): { success: boolean } }>;
  for (const field of definition.templateFields) {
    if (rendered[field] === undefined) continue;
    if (definition.urlFields.includes(field) && typeof rendered[field] === 'string') {
      rendered[field] = renderUrlTemplate(rendered[field], outputs);
      continue;
    }
    const asValue = renderTemplateValue(rendered[field], outputs);
    rendered[field] = shape[field]?.safeParse(asValue).success ? asValue : renderStrings(rendered[field], outputs);
  }
  return rendered as T;
}
