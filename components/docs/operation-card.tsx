import { CodeTabs } from './code-tabs';
import { exampleBody } from './example-value';
import { RichText } from './rich-text';
import { SchemaTable, typeLabel } from './schema-table';
import { SNIPPET_LANGUAGES } from './snippets';
import { TryIt } from './try-it';
import type { DocOperation, SchemaComponents } from './types';

const METHOD_COLOURS: Record<string, string> = {
  get: 'bg-sky-100 text-sky-900 dark:bg-sky-900/60 dark:text-sky-100',
  post: 'bg-emerald-100 text-emerald-900 dark:bg-emerald-900/60 dark:text-emerald-100',
  put: 'bg-amber-100 text-amber-900 dark:bg-amber-900/60 dark:text-amber-100',
  patch: 'bg-violet-100 text-violet-900 dark:bg-violet-900/60 dark:text-violet-100',
  delete: 'bg-red-100 text-red-900 dark:bg-red-900/60 dark:text-red-100',
};

function Heading({ children }: { children: string }) {
  return <h4 className="mb-1.5 text-sm font-semibold text-zinc-900 dark:text-zinc-100">{children}</h4>;
}

/** One operation of the reference: what it does, its parameters, body and answers, snippets and a "try it" form. */
export function OperationCard({ operation, components, origin }: { operation: DocOperation; components: SchemaComponents; origin: string }) {
  const json = operation.requestBody?.content['application/json'];
  const body = exampleBody(json, components);
  const samples = SNIPPET_LANGUAGES.map(({ id, label, build }) => ({ id, label, code: build({ operation, origin, body }) }));
  return (
    <details id={operation.operationId} className="group scroll-mt-20 rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-950">
      <summary className="flex cursor-pointer flex-wrap items-center gap-3 px-4 py-3 focus-visible:outline-2 focus-visible:outline-indigo-500">
        <span className={`w-16 rounded px-2 py-0.5 text-center font-mono text-xs font-semibold uppercase ${METHOD_COLOURS[operation.method]}`}>{operation.method}</span>
        <code className="font-mono text-sm text-zinc-900 dark:text-zinc-100">{operation.path}</code>
        <span className="ml-auto text-sm text-zinc-700 dark:text-zinc-300">{operation.summary}</span>
      </summary>
      <div className="space-y-5 border-t border-zinc-200 px-4 py-4 text-sm text-zinc-800 dark:border-zinc-800 dark:text-zinc-200">
        {operation.description && <RichText text={operation.description} />}
        {operation.security?.length === 0 && <p className="text-zinc-700 dark:text-zinc-300">No API key needed.</p>}
        {operation.parameters && (
          <section>
            <Heading>Parameters</Heading>
            <ul className="space-y-1">
              {operation.parameters.map((parameter) => (
                <li key={`${parameter.in}-${parameter.name}`}>
                  <code className="font-mono font-semibold">{parameter.name}</code>{' '}
                  <span className="text-zinc-600 dark:text-zinc-400">
                    ({parameter.in}, {typeLabel(parameter.schema, components)}
                    {parameter.required ? ', required' : ''})
                  </span>
                  {parameter.description ? <> — {parameter.description}</> : null}
                </li>
              ))}
            </ul>
          </section>
        )}
        {json && (
          <section>
            <Heading>Request body</Heading>
            <SchemaTable schema={json.schema} components={components} caption={`Request body of ${operation.operationId}`} />
          </section>
        )}
        <section>
          <Heading>Answers</Heading>
          <ul className="space-y-3">
            {Object.entries(operation.responses).map(([status, response]) => {
              const [contentType, content] = Object.entries(response.content ?? {})[0] ?? [];
              return (
                <li key={status}>
                  <span className="font-mono font-semibold">{status}</span> {response.description}
                  {contentType && status.startsWith('2') && content && (
                    <div className="mt-1.5 pl-4">
                      <p className="mb-1 text-xs text-zinc-600 dark:text-zinc-400">
                        <code className="font-mono">{contentType}</code>: {typeLabel(content.schema, components)}
                        {contentType === 'text/event-stream' && <> (see <a className="text-indigo-700 underline dark:text-indigo-300" href="#stream-events">stream events</a>)</>}
                      </p>
                      {contentType === 'application/json' && <SchemaTable schema={content.schema} components={components} caption={`${status} answer of ${operation.operationId}`} />}
                    </div>
                  )}
                </li>
              );
            })}
          </ul>
        </section>
        <section>
          <Heading>Examples</Heading>
          <CodeTabs samples={samples} label={`Examples of ${operation.method.toUpperCase()} ${operation.path}`} />
        </section>
        <section>
          <Heading>Try it</Heading>
          <TryIt
            method={operation.method}
            path={operation.path}
            parameters={operation.parameters ?? []}
            initialBody={json ? JSON.stringify(body, null, 2) : undefined}
            sendsApiKey={operation.security?.length !== 0}
          />
        </section>
      </div>
    </details>
  );
}
