import { z } from 'zod';

/** What POST /api/mcp accepts: one JSON-RPC 2.0 request or notification of the Model Context Protocol. */
export const mcpMessageSchema = z
  .looseObject({
    jsonrpc: z.literal('2.0'),
    id: z.union([z.string(), z.number()]).optional().describe('absent on notifications'),
    method: z.string().describe('e.g. `initialize`, `tools/list`, `tools/call`'),
    params: z.record(z.string(), z.json()).optional(),
  })
  .describe('One JSON-RPC 2.0 message of the Model Context Protocol');
