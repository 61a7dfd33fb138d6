import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import type { Caller } from '../auth/caller';
import { ApiError } from '../errors';
import { readJson } from '../http/body';
import { WEFT_VERSION } from '../version';
import { mcpMessageSchema } from './mcp-schemas';
import { callWorkflowTool, listWorkflowTools } from './workflow-tools';

// /api/mcp: a Model Context Protocol server over Streamable HTTP, stateless (a fresh server per request, answers as
// JSON), so it needs no session store and works behind any number of processes. Its tools are the caller's
// deployed workflows.

function serverFor(caller: Caller): Server {
  const server = new Server({ name: 'weft', version: WEFT_VERSION }, { capabilities: { tools: {} } });
  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: (await listWorkflowTools(caller)).map(({ name, title, description, inputSchema }) => ({ name, title, description, inputSchema })),
  }));
  server.setRequestHandler(CallToolRequestSchema, async (request) => {
    try {
      const result = await callWorkflowTool(caller, request.params.name, request.params.arguments ?? {});
      const failed = result.status !== 'completed';
      const text = failed ? `The workflow ${result.status}: ${result.error?.message ?? 'no output'}` : JSON.stringify(result.output);
      return { content: [{ type: 'text', text }], structuredContent: result, isError: failed };
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      return { content: [{ type: 'text', text: error.message }], isError: true };
    }
  });
  return server;
}

/**
 * The request as the transport sees it: its body already read (it gets `parsedBody`), and accepting JSON and
 * event streams, since every answer here is JSON, so clients that only ask for JSON (curl, scripts) are served.
 */
function forTransport(request: Request): Request {
  const headers = new Headers(request.headers);
  const accept = headers.get('accept') ?? '';
  if (!accept.includes('application/json') || !accept.includes('text/event-stream')) headers.set('accept', 'application/json, text/event-stream');
  return new Request(request.url, { method: request.method, headers });
}

export async function handleMcpRequest(caller: Caller, request: Request): Promise<Response> {
  // Read here, not by the transport: the body size cap and the contract's 400 for malformed JSON apply.
  const message = await readJson(request, mcpMessageSchema);
  const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
  const server = serverFor(caller);
  await server.connect(transport);
  try {
    return await transport.handleRequest(forTransport(request), { parsedBody: message });
  } finally {
    void server.close();
  }
}
