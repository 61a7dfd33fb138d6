import type { z } from 'zod';
import { requireRole, type Caller } from '../auth/caller';
import { db } from '../db';
import type { McpServer } from '../db/generated/client';
import { ApiError } from '../errors';
import type { McpServerSettings } from '../run-capabilities';
import { putMcpServerInput, type mcpServerSchema } from './mcp-server-schemas';

// The MCP servers agent blocks of a workspace may take tools from (Settings → MCP servers). Only the credential's
// name is stored here; its value stays in the credential store and is read by the engine when an agent connects.

function view(row: McpServer): z.output<typeof mcpServerSchema> {
  return { name: row.name, url: row.url, credential: row.credentialName, created_at: row.createdAt.toISOString(), updated_at: row.updatedAt.toISOString() };
}

export async function listMcpServers(caller: Caller) {
  const prisma = await db();
  const rows = await prisma.mcpServer.findMany({ where: { workspaceId: caller.workspaceId }, orderBy: { name: 'asc' } });
  return { mcp_servers: rows.map(view) };
}

/** Adds the server, or replaces the URL and credential of the one with that name. */
export async function putMcpServer(caller: Caller, input: z.input<typeof putMcpServerInput>) {
  requireRole(caller, 'editor');
  const { name, url, credential } = putMcpServerInput.parse(input);
  const prisma = await db();
  const row = await prisma.mcpServer.upsert({
    where: { workspaceId_name: { workspaceId: caller.workspaceId, name } },
    create: { workspaceId: caller.workspaceId, name, url, credentialName: credential },
    update: { url, credentialName: credential },
  });
  return view(row);
}

export async function deleteMcpServer(caller: Caller, name: string) {
  requireRole(caller, 'editor');
  const prisma = await db();
  const { count } = await prisma.mcpServer.deleteMany({ where: { workspaceId: caller.workspaceId, name } });
  if (count === 0) throw new ApiError('not_found', `No MCP server named "${name}"`);
}

/** For the engine: where the server is and which credential it takes; null when the workspace has none by that name. */
export async function readMcpServer(workspaceId: string, name: string): Promise<McpServerSettings | null> {
  const prisma = await db();
  const row = await prisma.mcpServer.findUnique({ where: { workspaceId_name: { workspaceId, name } } });
  return row ? { name: row.name, url: row.url, credential: row.credentialName } : null;
}
