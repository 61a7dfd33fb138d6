import { tool } from 'ai';
import { z } from 'zod';
import { env } from '../../env';
import { DEFAULT_TIMEOUT_MS, HTTP_METHODS, safeFetch } from '../../net';
import { WEFT_VERSION } from '../../version';

// The agent's `http_request` tool: the same client and the same address policy as the http block, with a response
// trimmed to what is useful (and affordable) to show a model.

/** The most body text handed back to the model. */
const MAX_TOOL_BODY_CHARS = 20_000;
/** Responses larger than this are refused rather than read. */
const MAX_TOOL_RESPONSE_BYTES = 2 * 1024 * 1024;

function isBinaryBody(body: unknown): body is { base64: string; content_type: string; size: number } {
  return typeof body === 'object' && body !== null && 'base64' in body && 'content_type' in body;
}

/** A body the model can read: text and JSON as they are up to MAX_TOOL_BODY_CHARS, binary as a description. */
function bodyForModel(body: unknown): unknown {
  if (isBinaryBody(body)) return { binary: true, content_type: body.content_type, size: body.size };
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  if (text === undefined || text.length <= MAX_TOOL_BODY_CHARS) return body;
  return `${text.slice(0, MAX_TOOL_BODY_CHARS)}… [truncated: ${text.length} characters in all]`;
}

export function httpRequestTool(options: { timeoutMs?: number }) {
  return tool({
    description:
      'Makes an HTTP request and returns the status, headers and body (JSON is parsed). Only public internet addresses can be reached unless the server allows private ones.',
    inputSchema: z.object({
      url: z.string().describe('Absolute http:// or https:// URL'),
      method: z.enum(HTTP_METHODS).optional().describe('HTTP method; GET when left out'),
      headers: z.record(z.string(), z.string()).optional().describe('Request headers'),
      body: z.string().optional().describe('Request body as text; for JSON, also set a Content-Type: application/json header'),
    }),
    execute: async ({ url, method, headers, body }, { abortSignal }) => {
      const response = await safeFetch(url, {
        method: method ?? 'GET',
        headers,
        body,
        timeoutMs: Math.min(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, DEFAULT_TIMEOUT_MS),
        maxBytes: MAX_TOOL_RESPONSE_BYTES,
        signal: abortSignal,
        allowPrivateNetwork: env().WEFT_ALLOW_PRIVATE_NETWORK,
        userAgent: `Weft/${WEFT_VERSION}`,
      });
      return { status: response.status, headers: response.headers, body: bodyForModel(response.body) };
    },
  });
}
