import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { z } from 'zod';
import { startServer, type TestServer } from './http-server';

// A stand-in MCP server for agent tests: a real one built with the official SDK, stateless Streamable HTTP on
// 127.0.0.1, offering one tool (`lookup_order`) and an always-failing one (`explode`). Requests are recorded, so a
// test can read the Authorization header that arrived.

export interface StandInMcpServer extends TestServer {
  /** `http://127.0.0.1:<port>/mcp` */
  url: string;
  /** The arguments of every `lookup_order` call. */
  calls: Record<string, unknown>[];
}

function mcpServer(calls: Record<string, unknown>[]): McpServer {
  const server = new McpServer({ name: 'orders', version: '1.0.0' });
  server.registerTool(
    'lookup_order',
    { description: 'Looks an order up by its id', inputSchema: { order_id: z.string() } },
    async ({ order_id }) => {
      calls.push({ order_id });
      return { content: [{ type: 'text', text: `Order ${order_id} shipped on 2026-11-28` }] };
    },
  );
  server.registerTool('explode', { description: 'Always fails' }, async () => ({ content: [{ type: 'text', text: 'the warehouse is on fire' }], isError: true }));
  return server;
}

export async function startStandInMcpServer(): Promise<StandInMcpServer> {
  const calls: Record<string, unknown>[] = [];
  const http = await startServer(async (request, response) => {
    const received = http.requests.at(-1);
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    const server = mcpServer(calls);
    await server.connect(transport);
    response.on('close', () => void server.close());
    await transport.handleRequest(request, response, received?.body ? JSON.parse(received.body) : undefined);
  });
  return Object.assign(http, { url: `${http.origin}/mcp`, calls });
}
