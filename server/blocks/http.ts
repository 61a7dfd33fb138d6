import { z } from 'zod';
import { hasTemplate } from '@/lib/graph/templates';
import { env } from '../env';
import { DEFAULT_TIMEOUT_MS, NetworkError, safeFetch } from '../net';
import { WEFT_VERSION } from '../version';
import { BlockError } from './run-context';
import { defineBlock } from './types';

const httpMethods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'] as const;

/** A URL without templates must already be an absolute http(s) URL; one with templates is checked when rendered. */
function isHttpUrlOrTemplate(url: string): boolean {
  if (hasTemplate(url)) return true;
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/** One HTTP request. */
export const httpBlock = defineBlock({
  type: 'http',
  label: 'HTTP request',
  description: 'Calls a URL and returns the status, headers and body of the response.',
  icon: 'globe',
  category: 'integration',
  config: {
    url: z
      .string()
      .min(1)
      .refine(isHttpUrlOrTemplate, 'must be an absolute http:// or https:// URL'),
    method: z.enum(httpMethods).default('GET'),
    headers: z.record(z.string(), z.string()).optional(),
    /** A template string, or JSON (containing templates) sent as `application/json`. */
    body: z.json().optional(),
  },
  templateFields: ['url', 'headers', 'body'],
  summary: { parts: [{ field: 'method', fallback: 'GET' }, { field: 'url' }], separator: ' ' },
  outputs: { fields: ['status', 'headers', 'body'] },
  urlFields: ['url'],
  defaults: { url: 'https://example.com', method: 'GET' },
  async run({ config, signal, timeoutMs }) {
    try {
      const response = await safeFetch(config.url, {
        method: config.method,
        headers: config.headers,
        body: config.body,
        timeoutMs: timeoutMs ?? DEFAULT_TIMEOUT_MS,
        signal,
        allowPrivateNetwork: env().WEFT_ALLOW_PRIVATE_NETWORK,
        userAgent: `Weft/${WEFT_VERSION}`,
      });
      return { status: response.status, headers: response.headers, body: response.body };
    } catch (error) {
      if (error instanceof NetworkError) throw new BlockError(error.message, `http_${error.code}`, !['invalid_url', 'invalid_request', 'blocked_address'].includes(error.code));
      throw error;
    }
  },
  fieldHints: {
    method: {
      widget: 'select',
      label: 'Method',
      options: httpMethods.map((method) => ({ value: method, label: method })),
    },
    url: {
      widget: 'text',
      label: 'URL',
      placeholder: 'https://api.example.com/items/{{input.id}}',
      help:
        'Supports templates. Values are encoded for where they sit (a path segment, a query value), so they cannot add parameters or path segments; write {{raw block.field}} to insert text unencoded on purpose.',
    },
    headers: { widget: 'json', label: 'Headers', help: 'An object of header names to values; values support templates.' },
    body: { widget: 'json', label: 'Body', help: 'Text or JSON; strings inside support templates.' },
  },
});
