import { z } from 'zod';
import { credentialNameSchema } from './credentials';

// API shapes of the workspace's MCP servers (the ones agent blocks take tools from), for REST, tRPC and OpenAPI.

export const mcpServerNameSchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_-]{0,39}$/, 'Use up to 40 letters, digits, "_" and "-", starting with a letter (e.g. github)')
  .describe('How agent blocks name the server in `mcp_servers`; its tools are offered as `<name>_<tool>`');

export const mcpServerInput = z.strictObject({
  url: z
    .url({ protocol: /^https?$/, error: 'Enter an http:// or https:// URL' })
    .max(2048)
    .describe("The server's Streamable HTTP endpoint, e.g. `https://mcp.example.com/mcp`; private addresses only when the server allows them"),
  credential: credentialNameSchema
    .nullable()
    .default(null)
    .describe('A workspace credential whose value is sent as `Authorization: Bearer <value>` (or as is, when it already names a scheme such as `Basic …`)'),
});

export const putMcpServerInput = mcpServerInput.extend({ name: mcpServerNameSchema });
export const mcpServerNameInput = z.object({ name: mcpServerNameSchema });

export const mcpServerSchema = z.object({
  name: z.string(),
  url: z.string(),
  credential: z.string().nullable(),
  created_at: z.iso.datetime(),
  updated_at: z.iso.datetime(),
});
export const mcpServerListSchema = z.object({ mcp_servers: z.array(mcpServerSchema) });
