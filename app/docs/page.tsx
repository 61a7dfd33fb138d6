import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { publicOrigin } from '@/server/http/origin';
import { buildOpenApiDocument } from '@/server/openapi/document';

export const metadata: Metadata = { title: 'API reference' };

type Operation = {
  summary: string;
  description?: string;
  tags: string[];
  parameters?: { name: string; in: string; required: boolean; description?: string; schema: unknown }[];
  requestBody?: { content: { 'application/json': { schema: unknown } } };
  responses: Record<string, { description: string; content?: { 'application/json': { schema: unknown } } }>;
  security?: unknown[];
};

const METHOD_COLOURS: Record<string, string> = {
  get: 'bg-sky-100 text-sky-800 dark:bg-sky-900/50 dark:text-sky-200',
  post: 'bg-emerald-100 text-emerald-800 dark:bg-emerald-900/50 dark:text-emerald-200',
  put: 'bg-amber-100 text-amber-800 dark:bg-amber-900/50 dark:text-amber-200',
  patch: 'bg-violet-100 text-violet-800 dark:bg-violet-900/50 dark:text-violet-200',
  delete: 'bg-red-100 text-red-800 dark:bg-red-900/50 dark:text-red-200',
};

function Schema({ schema }: { schema: unknown }) {
  return (
    <pre className="max-h-96 overflow-auto rounded-md bg-zinc-100 p-3 font-mono text-xs leading-relaxed dark:bg-zinc-900">
      {JSON.stringify(schema, null, 2)}
    </pre>
  );
}

/** The API reference, rendered on the server from the same OpenAPI document as /api/openapi.json. */
export default async function DocsPage() {
  const requestHeaders = await headers();
  const document = buildOpenApiDocument(publicOrigin(requestHeaders, `http://${requestHeaders.get('host') ?? 'localhost'}`));
  const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods as Record<string, Operation>).map(([method, op]) => ({ path, method, op })),
  );
  const tags = [...new Set(operations.map((o) => o.op.tags[0]))];
  return (
    <div className="mx-auto w-full max-w-5xl px-4 py-8">
      <h1 className="text-2xl font-semibold tracking-tight">{document.info.title}</h1>
      <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">{document.info.description}</p>
      <p className="mt-2 text-sm">
        Machine-readable: <a className="text-indigo-600 underline" href="/api/openapi.json">/api/openapi.json</a> (OpenAPI {document.openapi})
      </p>
      {tags.map((tag) => (
        <section key={tag} className="mt-10">
          <h2 className="text-lg font-semibold">{tag}</h2>
          <div className="mt-4 space-y-3">
            {operations
              .filter((o) => o.op.tags[0] === tag)
              .map(({ path, method, op }) => (
                <details key={`${method} ${path}`} className="rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-950">
                  <summary className="flex cursor-pointer items-center gap-3 px-4 py-3">
                    <span className={`w-16 rounded px-2 py-0.5 text-center font-mono text-xs font-semibold uppercase ${METHOD_COLOURS[method]}`}>{method}</span>
                    <code className="font-mono text-sm">{path}</code>
                    <span className="ml-auto text-sm text-zinc-500">{op.summary}</span>
                  </summary>
                  <div className="space-y-4 border-t border-zinc-200 px-4 py-4 text-sm dark:border-zinc-800">
                    {op.description && <p>{op.description}</p>}
                    {op.security?.length === 0 && <p className="text-zinc-500">No credential needed.</p>}
                    {op.parameters && (
                      <div>
                        <h3 className="font-medium">Parameters</h3>
                        <ul className="mt-1 space-y-1">
                          {op.parameters.map((p) => (
                            <li key={`${p.in}-${p.name}`}>
                              <code className="font-mono">{p.name}</code> <span className="text-zinc-500">({p.in}{p.required ? ', required' : ''})</span>
                              {p.description ? ` — ${p.description}` : ''}
                            </li>
                          ))}
                        </ul>
                      </div>
                    )}
                    {op.requestBody && (
                      <div>
                        <h3 className="mb-1 font-medium">Request body</h3>
                        <Schema schema={op.requestBody.content['application/json'].schema} />
                      </div>
                    )}
                    <div>
                      <h3 className="mb-1 font-medium">Responses</h3>
                      <ul className="space-y-2">
                        {Object.entries(op.responses).map(([status, response]) => (
                          <li key={status}>
                            <span className="font-mono font-semibold">{status}</span> {response.description}
                            {response.content && status.startsWith('2') && <Schema schema={response.content['application/json'].schema} />}
                          </li>
                        ))}
                      </ul>
                    </div>
                  </div>
                </details>
              ))}
          </div>
        </section>
      ))}
    </div>
  );
}
