import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { GettingStarted } from '@/components/docs/getting-started';
import { RichText } from '@/components/docs/rich-text';
import { ScalarReference } from '@/components/docs/scalar-reference';
import { SchemaTable } from '@/components/docs/schema-table';
import type { JsonSchema, SchemaComponents } from '@/components/docs/types';
import { publicOrigin } from '@/server/http/origin';
import { buildOpenApiDocument } from '@/server/openapi/document';
import { EXAMPLE_GRAPH } from '@/server/openapi/operations';
import { blockCatalog } from '@/server/services/block-catalog';

export const metadata: Metadata = { title: 'API documentation' };

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

/**
 * The API documentation: the getting-started guide, the interactive reference of every operation (Scalar, over
 * /api/openapi.json), and what the OpenAPI document cannot say well: the stream events and each block type's config.
 */
export default async function DocsPage() {
  const requestHeaders = await headers();
  const origin = publicOrigin(requestHeaders, `http://${requestHeaders.get('host') ?? 'localhost'}`);
  const document = buildOpenApiDocument(origin);
  const components = document.components.schemas as SchemaComponents;
  const events = (components.ExecutionEvent.oneOf ?? []).map((ref) => ({ name: ref.$ref!.split('/').pop()!, schema: ref }));
  const blocks = blockCatalog().blocks;

  return (
    <div className="text-zinc-800 dark:text-zinc-200">
      <div className="mx-auto w-full max-w-5xl px-4 pt-8">
        <h1 className="text-2xl font-semibold tracking-tight text-zinc-900 dark:text-zinc-50">{document.info.title} documentation</h1>
        <p className="mt-3 text-sm">
          Build, run and inspect workflows over HTTP. Machine-readable: <a className={LINK} href="/api/openapi.json">/api/openapi.json</a> (OpenAPI{' '}
          {document.openapi}), for generators such as openapi-typescript.
        </p>
        <nav aria-label="On this page" className="mt-6 rounded-lg border border-zinc-200 p-4 text-sm dark:border-zinc-800">
          <ul className="flex flex-wrap gap-x-6 gap-y-2">
            <li><a className={LINK} href="#getting-started">Getting started</a></li>
            <li><a className={LINK} href="#reference">API reference</a></li>
            <li><a className={LINK} href="#stream-events">Stream events</a></li>
            <li><a className={LINK} href="#blocks">Block types</a></li>
          </ul>
        </nav>

        <Section id="getting-started" title="Getting started">
          <p className="mt-2 text-sm">From nothing to a workflow called over a webhook, with curl and jq: create → graph → deploy → arm → call.</p>
          <GettingStarted origin={origin} graph={EXAMPLE_GRAPH} />
        </Section>
      </div>

      <section id="reference" aria-label="API reference" className="mt-12 scroll-mt-4 border-y border-zinc-200 dark:border-zinc-800">
        <ScalarReference />
      </section>

      <div className="mx-auto w-full max-w-5xl px-4 pb-12">
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
    </div>
  );
}
