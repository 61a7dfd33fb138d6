import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { ApiKeyField, ApiKeyProvider } from '@/components/docs/api-key';
import { GettingStarted } from '@/components/docs/getting-started';
import { OperationCard } from '@/components/docs/operation-card';
import { RichText } from '@/components/docs/rich-text';
import { SchemaTable } from '@/components/docs/schema-table';
import type { DocOperation, JsonSchema, SchemaComponents } from '@/components/docs/types';
import { publicOrigin } from '@/server/http/origin';
import { buildOpenApiDocument } from '@/server/openapi/document';
import { EXAMPLE_GRAPH } from '@/server/openapi/operations';
import { blockCatalog } from '@/server/services/block-catalog';

export const metadata: Metadata = { title: 'API reference' };

const LINK = 'text-indigo-700 underline hover:text-indigo-900 dark:text-indigo-300 dark:hover:text-indigo-100';

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section id={id} aria-labelledby={`${id}-title`} className="mt-12 scroll-mt-20">
      <h2 id={`${id}-title`} className="text-xl font-semibold tracking-tight text-zinc-900 dark:text-zinc-50">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** The API reference, rendered on the server from the same OpenAPI document as /api/openapi.json. */
export default async function DocsPage() {
  const requestHeaders = await headers();
  const origin = publicOrigin(requestHeaders, `http://${requestHeaders.get('host') ?? 'localhost'}`);
  const document = buildOpenApiDocument(origin);
  const components = document.components.schemas as SchemaComponents;
  const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods as Record<string, Omit<DocOperation, 'method' | 'path'>>).map(([method, op]) => ({ ...op, method, path })),
  );
  const events = (components.ExecutionEvent.oneOf ?? []).map((ref) => ({ name: ref.$ref!.split('/').pop()!, schema: ref }));
  const blocks = blockCatalog().blocks;

  return (
    <div className="mx-auto w-full max-w-5xl px-4 py-8 text-zinc-800 dark:text-zinc-200">
      <h1 className="text-2xl font-semibold tracking-tight text-zinc-900 dark:text-zinc-50">{document.info.title}</h1>
      <RichText text={document.info.description} className="mt-3 text-sm" />
      <p className="mt-3 text-sm">
        Machine-readable: <a className={LINK} href="/api/openapi.json">/api/openapi.json</a> (OpenAPI {document.openapi}), for generators such as
        openapi-typescript.
      </p>
      <nav aria-label="On this page" className="mt-6 rounded-lg border border-zinc-200 p-4 text-sm dark:border-zinc-800">
        <ul className="flex flex-wrap gap-x-6 gap-y-2">
          <li><a className={LINK} href="#getting-started">Getting started</a></li>
          {document.tags.map((tag) => (
            <li key={tag.name}><a className={LINK} href={`#tag-${tag.name.toLowerCase()}`}>{tag.name}</a></li>
          ))}
          <li><a className={LINK} href="#stream-events">Stream events</a></li>
          <li><a className={LINK} href="#blocks">Block types</a></li>
        </ul>
      </nav>

      <Section id="getting-started" title="Getting started">
        <p className="mt-2 text-sm">From nothing to a workflow called over a webhook, with curl and jq.</p>
        <GettingStarted origin={origin} graph={EXAMPLE_GRAPH} />
      </Section>

      <ApiKeyProvider>
        <div className="mt-12 max-w-md">
          <ApiKeyField />
        </div>
        {document.tags.map((tag) => (
          <Section key={tag.name} id={`tag-${tag.name.toLowerCase()}`} title={tag.name}>
            <p className="mt-1 text-sm text-zinc-700 dark:text-zinc-300">{tag.description}</p>
            <div className="mt-4 space-y-3">
              {operations
                .filter((op) => op.tags[0] === tag.name)
                .map((op) => (
                  <OperationCard key={`${op.method} ${op.path}`} operation={op} components={components} origin={origin} />
                ))}
            </div>
          </Section>
        ))}
      </ApiKeyProvider>

      <Section id="stream-events" title="Stream events">
        <RichText
          className="mt-2 text-sm"
          text={`The two stream routes answer \`text/event-stream\`. The stream begins with \`retry: 3000\`; each event then has an \`id\` (increasing by one within the execution, sent back as \`Last-Event-ID\` on reconnect), an \`event\` name equal to its \`type\`, and the JSON below as \`data\`. It ends after \`done\` or \`error\`. A reconnect after the end answers 204, which stops EventSource.

The name \`error\` is also EventSource's own connection-error event. Ours always has \`data\`; the browser's has none: \`source.addEventListener('error', (e) => { if (e.data) { /* the execution failed */ } else { /* connection trouble: EventSource retries */ } })\`.`}
        />
        <div className="mt-4 space-y-6">
          {events.map(({ name, schema }) => (
            <div key={name}>
              <h3 className="mb-1.5 font-mono text-sm font-semibold text-zinc-900 dark:text-zinc-100">{name}</h3>
              <SchemaTable schema={schema} components={components} caption={`Fields of ${name}`} />
            </div>
          ))}
        </div>
      </Section>

      <Section id="blocks" title="Block types">
        <p className="mt-2 text-sm">
          The <code className="font-mono">config</code> each block type takes in a graph. Config strings may hold templates such as{' '}
          <code className="font-mono">{'{{input.text}}'}</code> that name an upstream block.
        </p>
        <div className="mt-4 space-y-6">
          {blocks.map((block) => (
            <div key={block.type} id={`block-${block.type}`}>
              <h3 className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">
                {block.label} <code className="ml-1 font-mono text-xs font-normal text-zinc-600 dark:text-zinc-400">type: &quot;{block.type}&quot;</code>
              </h3>
              <p className="mt-1 mb-2 text-sm text-zinc-700 dark:text-zinc-300">{block.description}</p>
              <SchemaTable schema={block.configSchema as JsonSchema} components={components} caption={`Config of ${block.type} blocks`} />
            </div>
          ))}
        </div>
      </Section>
    </div>
  );
}
