import { RichText } from './rich-text';
import { resolve, type JsonSchema, type SchemaComponents } from './types';

/** A short name for a schema's type: `string`, `integer ≥ 1`, `"a" | "b"`, `array of string`, `JsonValue`. */
function typeLabel(schema: JsonSchema, components: SchemaComponents): string {
  if (schema.$ref) return schema.$ref.split('/').pop() ?? 'object';
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.enum) return schema.enum.map((value) => JSON.stringify(value)).join(' | ');
  const options = schema.anyOf ?? schema.oneOf;
  if (options) return options.map((option) => typeLabel(option, components)).join(' | ');
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  const label = types
    .map((type) => (type === 'array' && schema.items ? `array of ${typeLabel(schema.items, components)}` : type))
    .join(' | ');
  const bound = schema.minimum !== undefined && schema.minimum > Number.MIN_SAFE_INTEGER ? ` ≥ ${schema.minimum}` : '';
  return (label || 'any') + bound;
}

/** The properties of an object schema as a table: name, type, required, default and description. */
export function SchemaTable({ schema, components, caption }: { schema: JsonSchema; components: SchemaComponents; caption: string }) {
  const resolved = resolve(schema, components);
  const properties = Object.entries(resolved.properties ?? {});
  if (properties.length === 0) return <p className="text-sm text-zinc-600 dark:text-zinc-400">{resolved.description ?? `Type: ${typeLabel(resolved, components)}`}</p>;
  const required = new Set(resolved.required ?? []);
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-zinc-200 text-xs text-zinc-600 uppercase dark:border-zinc-700 dark:text-zinc-400">
            <th scope="col" className="py-1.5 pr-3 font-medium">Field</th>
            <th scope="col" className="py-1.5 pr-3 font-medium">Type</th>
            <th scope="col" className="py-1.5 font-medium">Description</th>
          </tr>
        </thead>
        <tbody>
          {properties.map(([name, property]) => (
            <tr key={name} className="border-b border-zinc-100 align-top dark:border-zinc-800">
              <th scope="row" className="py-1.5 pr-3 font-mono text-xs font-semibold whitespace-nowrap text-zinc-900 dark:text-zinc-100">
                {name}
                {required.has(name) && <span className="ml-1 font-sans font-normal text-red-700 dark:text-red-300">required</span>}
              </th>
              <td className="py-1.5 pr-3 font-mono text-xs text-zinc-700 dark:text-zinc-300">{typeLabel(property, components)}</td>
              <td className="py-1.5 text-zinc-700 dark:text-zinc-300">
                {property.description && <RichText text={property.description} />}
                {property.default !== undefined && (
                  <span className="text-xs text-zinc-600 dark:text-zinc-400">Default: <code className="font-mono">{JSON.stringify(property.default)}</code></span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
