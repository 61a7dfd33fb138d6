import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { jsonSchema, tool, type JSONSchema7, type ToolSet } from 'ai';
import { env } from '../../env';
import { createGuardedFetch, NetworkError } from '../../net';
import { BlockError, type RunCapabilities } from '../../run-capabilities';
import { WEFT_VERSION } from '../../version';
import { sanitizeToolName, uniqueToolName } from './workflow-tools';

// `mcp_servers` of an agent block: the tools of MCP servers configured in the workspace (Settings → MCP servers),
// reached over Streamable HTTP with the official SDK's client. The URL is user input, so every connection goes
// through the guarded fetch (private addresses refused unless the server allows them, every redirect checked);
// the credential's value is read from the store only to build the Authorization header and is never logged.

type McpContext = Pick<RunCapabilities, 'mcpServer' | 'credential' | 'log' | 'signal'>;

interface McpToolSet {
  tools: ToolSet;
  /** Closes every connection; the agent calls it when it has its answer. */
  close(): Promise<void>;
}

/** `Bearer <value>`, or the value as it is when it already names its scheme (`Basic …`, `Token …`). */
function authorization(value: string): string {
  return /^[A-Za-z][\w-]*\s+\S/.test(value) ? value : `Bearer ${value}`;
}

async function headersFor(server: { name: string; credential: string | null }, context: McpContext): Promise<Record<string, string>> {
  if (!server.credential) return {};
  const value = await context.credential(server.credential);
  if (value === null) {
    throw new BlockError(`The MCP server "${server.name}" uses the credential ${server.credential}, which this workspace does not have`, 'missing_credential', false);
  }
  return { Authorization: authorization(value) };
}

/** What a tool call answers, as the model reads it; an error result becomes a tool error. */
function resultForModel(result: Awaited<ReturnType<Client['callTool']>>): unknown {
  const content = Array.isArray(result.content) ? result.content : [];
  const text = content.map((part) => (part.type === 'text' ? part.text : `[${part.type}]`)).join('\n');
  if (result.isError) throw new Error(text || 'The tool reported an error');
  return result.structuredContent ?? text;
}

async function connect(name: string, context: McpContext): Promise<{ client: Client; url: URL }> {
  const server = await context.mcpServer(name);
  if (!server) throw new BlockError(`The agent's MCP server "${name}" is not configured in this workspace (Settings → MCP servers)`, 'mcp_server_not_found', false);
  const url = new URL(server.url);
  const transport = new StreamableHTTPClientTransport(url, {
    fetch: createGuardedFetch({ allowPrivateNetwork: env().WEFT_ALLOW_PRIVATE_NETWORK }),
    requestInit: { headers: await headersFor(server, context) },
  });
  const client = new Client({ name: 'weft-agent', version: WEFT_VERSION });
  try {
    await client.connect(transport, { signal: context.signal });
  } catch (error) {
    await client.close().catch(() => undefined);
    const reason = error instanceof NetworkError || error instanceof Error ? error.message : String(error);
    throw new BlockError(`Could not connect to the MCP server "${name}" at ${url.origin}: ${reason}`, error instanceof NetworkError ? 'blocked_address' : 'mcp_unavailable', !(error instanceof NetworkError));
  }
  return { client, url };
}

/** Connects to each named server and offers its tools as `<server>_<tool>`; names already `taken` get a suffix. */
export async function mcpTools(names: readonly string[], taken: Set<string>, context: McpContext): Promise<McpToolSet> {
  const clients: Client[] = [];
  const close = async () => void (await Promise.all(clients.map((client) => client.close().catch(() => undefined))));
  const tools: ToolSet = {};
  try {
    for (const name of new Set(names)) {
      const { client, url } = await connect(name, context);
      clients.push(client);
      const { tools: offered } = await client.listTools(undefined, { signal: context.signal });
      for (const offer of offered) {
        const toolName = uniqueToolName(sanitizeToolName(`${name}_${offer.name}`), taken);
        tools[toolName] = tool({
          description: offer.description ?? offer.title ?? `The tool ${offer.name} of the MCP server "${name}"`,
          inputSchema: jsonSchema<Record<string, unknown>>(offer.inputSchema as JSONSchema7),
          execute: async (input, { abortSignal }) =>
            resultForModel(await client.callTool({ name: offer.name, arguments: input ?? {} }, undefined, { signal: abortSignal ?? context.signal })),
        });
      }
      context.log('info', `MCP server ${name} (${url.origin}) offers ${offered.length} tool${offered.length === 1 ? '' : 's'}`);
    }
  } catch (error) {
    await close();
    throw error;
  }
  return { tools, close };
}
