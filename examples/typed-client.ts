// A script against the Weft API with types generated from its OpenAPI document:
//
//   npx openapi-typescript http://localhost:3000/api/openapi.json -o examples/weft-api.ts
//   WEFT_URL=http://localhost:3000 WEFT_API_KEY=wft_... npx tsx examples/typed-client.ts
//
// It creates a workflow, gives it a graph (a typed input → code → an output object), runs it and prints the output.
// The unit suite regenerates the types from the served document, type-checks this file and runs it
// (app/api/openapi.tooling.test.ts).
import createClient from 'openapi-fetch';
import type { paths } from './weft-api';

export interface ExampleOptions {
  baseUrl: string;
  apiKey: string;
  /** For tests: answer requests in-process instead of over the network. */
  fetch?: (request: Request) => Promise<Response>;
}

export async function runExample({ baseUrl, apiKey, fetch }: ExampleOptions) {
  const client = createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${apiKey}` }, ...(fetch ? { fetch } : {}) });

  const created = await client.POST('/api/workflows', { body: { name: 'Greeter (typed client example)' } });
  if (!created.data) throw new Error(`create failed: ${created.error?.code}`);
  const id = created.data.id;

  const graph = await client.PUT('/api/workflows/{id}/graph', {
    params: { path: { id } },
    body: {
      blocks: [
        // A typed field: execute refuses an input without a string `name` (400 validation_error) before anything runs.
        { id: 'input', type: 'input', config: { fields: [{ name: 'name', type: 'string', required: true }] }, position: { x: 0, y: 0 } },
        { id: 'greet', type: 'code', config: { code: 'return "Hello, " + input.name + "!"' }, position: { x: 240, y: 0 } },
        { id: 'output', type: 'output', config: { value: { greeting: '{{greet}}' } }, position: { x: 480, y: 0 } },
      ],
      edges: [
        { source: 'input', target: 'greet' },
        { source: 'greet', target: 'output' },
      ],
    },
  });
  if (!graph.data) throw new Error(`graph refused: ${graph.error?.code} ${JSON.stringify(graph.error?.details)}`);

  const run = await client.POST('/api/workflows/{id}/execute', { params: { path: { id } }, body: { input: { name: 'Ada' } } });
  if (!run.data) throw new Error(`execute failed: ${run.error?.code}`);
  return { workflowId: id, version: graph.data.version, status: run.data.status, output: run.data.output };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await runExample({ baseUrl: process.env.WEFT_URL ?? 'http://localhost:3000', apiKey: process.env.WEFT_API_KEY ?? '' });
  console.log(JSON.stringify(result, null, 2));
}
